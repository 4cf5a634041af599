import type { LabelData } from '../../electron/simulator/label-layout';

/** A Demo label for a Japanese address with Japanese words, as the benchmarks draw it (bench/pdfs, bench/png-label). */
export const japaneseLabel: LabelData = {
  labelId: '3f0c1e2a-5b6d-4c7e-8f90-a1b2c3d4e5f6',
  courierName: 'Yamato',
  productCode: 'TA-Q-BIN',
  trackingNumber: '123456789012',
  courierOrderNumber: 'YMT-0123456789',
  customerOrderNumber: 'JP-ORDER-1',
  from: ['Demo Shipper Tokyo', '東京都千代田区丸の内1-1'],
  to: { name: '山田 太郎', lines: ['〒150-0001', '東京都渋谷区', '神宮前1-2-3', 'JP', 'Tel 03-1234-5678'] },
  weight: '1.2 KG',
  parcels: 1,
  createdAt: new Date('2026-12-02T05:33:00Z'),
  created: '2026/12/02 14:33',
  title: '送り状ラベル 123456789012',
  words: {
    from: '差出人',
    shipTo: 'お届け先',
    trackingNumber: '追跡番号',
    order: '注文番号: JP-ORDER-1',
    courierOrder: '配送業者の受付番号: YMT-0123456789',
    weightAndParcels: '重量: 1.2 KG   荷物の個数: 1',
    created: '作成日時: 2026/12/02 14:33',
    label: 'ラベル ID: 3f0c1e2a-5b6d-4c7e-8f90-a1b2c3d4e5f6',
    footer: 'Flex Forward シミュレーターのデモ用ラベルです。発送には使えません。',
  },
};
