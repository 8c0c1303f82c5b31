/**
 * HVAR's home-appliance catalogue for the demo data: products (all priced above the 500 EGP
 * main-sale threshold) and their spare parts (all at or below it, so a delivered part order reads as
 * maintenance). Prices are integer piastres (1 EGP = 100).
 */

/** What a spare part is, for later issues (replace_part). */
export type PartKind =
  | 'jar' | 'blade' | 'motor' | 'lid' | 'charger' | 'bowl' | 'whisk' | 'filter' | 'basket'
  | 'base' | 'thermostat' | 'soleplate' | 'grille' | 'brush' | 'hose' | 'cable' | 'knob';

/** One spare part of one product model. */
export interface SparePart {
  sku: string;
  kind: PartKind;
  name: string;
  nameAr: string;
  pricePiastres: number;
}

/** One product model. */
export interface Product {
  sku: string;
  /** As merchants type it in Bosta descriptions: "Hand blender 5057". */
  name: string;
  nameAr: string;
  category: string;
  model: string;
  pricePiastres: number;
  parts: readonly SparePart[];
}

type PartRow = readonly [PartKind, string, string, number];
/** [sku prefix, English category, Arabic category, [model, price EGP][], parts (price EGP)] */
type CategoryRow = readonly [string, string, string, readonly (readonly [string, number])[], readonly PartRow[]];

const CATEGORIES: readonly CategoryRow[] = [
  ['HB', 'Hand blender', 'خلاط يدوي', [['5057', 1150], ['5060', 1390], ['5075', 1690], ['5080 Cordless', 2250]],
    [['blade', 'Blade', 'سكينة', 120], ['jar', 'Measuring jar', 'كوب قياس', 90], ['motor', 'Motor unit', 'موتور', 450], ['whisk', 'Whisk', 'مضرب', 110], ['charger', 'Charger', 'شاحن', 180]]],
  ['BL', 'Blender', 'خلاط', [['1000W 3310', 1790], ['1500W 3320', 2390]],
    [['jar', 'Glass jar', 'كوب زجاج', 380], ['blade', 'Blade', 'سكينة', 140], ['lid', 'Lid', 'غطاء', 75], ['base', 'Coupler base', 'قاعدة', 95]]],
  ['MX', 'Stand mixer', 'عجان', [['6010', 4350], ['6020', 5690]],
    [['bowl', 'Steel bowl', 'وعاء ستانلس', 480], ['whisk', 'Balloon whisk', 'مضرب بالون', 160], ['lid', 'Splash guard', 'غطاء حماية', 120]]],
  ['HM', 'Hand mixer', 'مضرب يدوي', [['2210', 890], ['2230', 1090]],
    [['whisk', 'Beaters pair', 'زوج مضارب', 140], ['base', 'Dough hooks', 'خطافات عجين', 130]]],
  ['FP', 'Food processor', 'محضرة طعام', [['7010', 3450], ['7030', 4290]],
    [['bowl', 'Bowl', 'وعاء', 420], ['blade', 'S-blade', 'سكينة', 160], ['lid', 'Lid', 'غطاء', 150], ['motor', 'Motor unit', 'موتور', 500]]],
  ['CH', 'Chopper', 'كبة كهربائية', [['3030', 790], ['3050', 990]],
    [['blade', 'Blade', 'سكينة', 95], ['bowl', 'Bowl', 'وعاء', 160], ['lid', 'Motor lid', 'غطاء الموتور', 210]]],
  ['JC', 'Juicer', 'عصارة', [['4040', 1890], ['4060 Slow', 3990]],
    [['filter', 'Filter mesh', 'فلتر', 170], ['jar', 'Juice jug', 'إبريق عصير', 120], ['lid', 'Feed lid', 'غطاء التغذية', 140]]],
  ['CJ', 'Citrus juicer', 'عصارة برتقال', [['4110', 690]],
    [['base', 'Cone', 'قمع العصر', 65], ['jar', 'Juice cup', 'كوب العصير', 80]]],
  ['KT', 'Electric kettle', 'غلاية كهربائية', [['1750', 750], ['1780 Glass', 990]],
    [['base', 'Power base', 'قاعدة الكهرباء', 190], ['lid', 'Lid', 'غطاء', 70], ['filter', 'Scale filter', 'فلتر', 45]]],
  ['IR', 'Steam iron', 'مكواة بخار', [['2400', 990], ['2600', 1290]],
    [['soleplate', 'Soleplate', 'قاعدة المكواة', 260], ['cable', 'Power cable', 'سلك كهرباء', 85], ['thermostat', 'Thermostat', 'ترموستات', 150]]],
  ['AF', 'Air fryer', 'قلاية هوائية', [['6500 4L', 3490], ['6550 6L', 4590], ['6600 Digital', 5390]],
    [['basket', 'Basket', 'سلة', 420], ['grille', 'Crisper plate', 'شبكة', 160], ['knob', 'Timer knob', 'مفتاح المؤقت', 60]]],
  ['OH', 'Oil heater', 'دفاية زيت', [['9011 9 fins', 2890], ['9013 13 fins', 3690]],
    [['thermostat', 'Thermostat', 'ترموستات', 220], ['knob', 'Control knob', 'مفتاح التحكم', 55]]],
  ['FH', 'Fan heater', 'دفاية مروحة', [['9100', 1190]],
    [['thermostat', 'Thermostat', 'ترموستات', 180], ['grille', 'Front grille', 'شبكة أمامية', 90]]],
  ['SF', 'Stand fan', 'مروحة عمود', [['1650', 1490], ['1680 Remote', 1990]],
    [['blade', 'Fan blade', 'ريشة', 130], ['grille', 'Grille', 'شبكة', 150], ['motor', 'Motor', 'موتور', 480]]],
  ['VC', 'Vacuum cleaner', 'مكنسة كهربائية', [['2200', 3290], ['2250 Cyclone', 4190]],
    [['filter', 'HEPA filter', 'فلتر هيبا', 240], ['hose', 'Hose', 'خرطوم', 310], ['brush', 'Floor brush', 'فرشاة أرضيات', 230]]],
  ['CG', 'Coffee grinder', 'مطحنة قهوة', [['1100', 650]],
    [['blade', 'Blade', 'سكينة', 85], ['lid', 'Lid', 'غطاء', 60]]],
];

function buildProducts(): Product[] {
  return CATEGORIES.flatMap(([prefix, category, categoryAr, models, parts]) =>
    models.map(([model, priceEgp]) => {
      const name = `${category} ${model}`;
      const nameAr = `${categoryAr} ${model}`;
      const sku = `HV-${prefix}-${/\d{4}/.exec(model)?.[0] ?? model}`;
      return {
        sku,
        name,
        nameAr,
        category,
        model,
        pricePiastres: priceEgp * 100,
        parts: parts.map(([kind, partName, partAr, partEgp]) => ({
          sku: `${sku}-${kind.toUpperCase()}`,
          kind,
          name: `${partName} for ${name}`,
          nameAr: `${partAr} ${nameAr}`,
          pricePiastres: partEgp * 100,
        })),
      };
    }),
  );
}

/** Every product, in catalogue order. */
export const PRODUCTS: readonly Product[] = buildProducts();

/** How often each product sells (blenders and kettles are the bestsellers), aligned with PRODUCTS. */
export const PRODUCT_WEIGHTS: readonly number[] = PRODUCTS.map((p) =>
  /^(Hand blender|Electric kettle|Steam iron|Chopper)/.test(p.name) ? 4 : p.pricePiastres > 400000 ? 1 : 2,
);

const bySku = new Map<string, Product | SparePart>();
for (const p of PRODUCTS) {
  bySku.set(p.sku, p);
  for (const part of p.parts) bySku.set(part.sku, part);
}

/** A product or spare part by SKU. */
export function getProductBySku(sku: string): Product | SparePart | undefined {
  return bySku.get(sku);
}
