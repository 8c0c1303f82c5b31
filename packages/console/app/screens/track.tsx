/** PLACEHOLDER: the public tracking page. */
export function TrackPage({ code }: { code: string }) {
  return <main id="main">{code}</main>;
}
