import { describe, expect, it } from 'vitest';
import { rawTrackingNumber, sourceKey } from './source-key.js';

describe('quarantine keys', () => {
  it('uses the tracking number, else the id, else a hash', () => {
    expect(sourceKey({ trackingNumber: 48089608 })).toBe('48089608');
    expect(sourceKey({ trackingNumber: '', _id: 'abc' })).toBe('id:abc');
    expect(sourceKey('garbage')).toMatch(/^sha1:[0-9a-f]{40}$/);
    expect(sourceKey(null)).toBe(sourceKey(null));
  });

  it('gives a tracking number for detail calls only when it is one', () => {
    expect(rawTrackingNumber({ trackingNumber: '123' })).toBe('123');
    expect(rawTrackingNumber({ _id: 'abc' })).toBeNull();
    expect(rawTrackingNumber({ trackingNumber: 'ABC' })).toBeNull();
  });
});
