import type { PlatformProfile } from './profile';
import { lineTotal, NO_SERVICE } from './profile';

/**
 * Taobao / Tmall 千牛卖家中心 → 已卖出的宝贝 → 批量导出 (订单报表, ExportOrderList…csv, GBK): one
 * row per order. Several headers end with a space ("收货地址 ", "联系电话 ", "宝贝标题 "); the
 * whole address is one cell, "广东省 广州市 越秀区 …(510180)", split by cn_address; phones come
 * as "'139…" and order numbers as ="3515…" (Excel text markers, removed). Layout:
 * - c2003070110/TBTool, src/com/walk_nie/taobao/object/TaobaoSaledObject.java (订单编号, 买家会员名,
 *   收货人姓名, 收货地址, 运送方式, 联系电话, 联系手机, 宝贝标题, 宝贝总数量, …);
 * - a Taobao order importer found by code search (excerpt id 32198283099: the header line with its
 *   trailing spaces and a data row).
 */
export const taobao: PlatformProfile = {
  id: 'taobao',
  name: 'Taobao/Tmall orders report',
  required: ['订单编号', '收货地址', '联系手机'],
  characteristic: [
    '买家会员名',
    '买家支付宝账号',
    '收货人姓名',
    '运送方式',
    '联系电话',
    '宝贝标题',
    '宝贝种类',
    '宝贝总数量',
    '总金额',
    '买家实际支付金额',
    '订单状态',
    '物流单号',
    '物流公司',
    '订单备注',
    '店铺名称',
  ],
  mapping: (h) => {
    const address = h.find('收货地址');
    const part = (p: 'state' | 'city' | 'street' | 'postalCode') =>
      address ? { column: address, split: 'cn_address' as const, part: p } : undefined;
    return {
      ...NO_SERVICE,
      orderNumber: h.find('订单编号'),
      firstName: h.find('收货人姓名'),
      phone: h.find('联系手机', '联系电话'),
      state: part('state'),
      city: part('city'),
      street1: part('street'),
      postalCode: part('postalCode'),
      countryCode: { constant: 'CN' },
      descriptionEn: null,
      descriptionLocal: h.find('宝贝标题'),
      quantity: h.find('宝贝总数量'),
      // What the buyer paid for all the order's goods: per unit, divided by the quantity.
      unitPrice: lineTotal(h.find('买家应付货款', '总金额', '买家实际支付金额')),
      currency: { constant: 'CNY' },
    };
  },
  needs: [
    'English description (Chinese titles; the catalogue by SKU fills it — this report has no SKU, so a constant or the catalogue by hand)',
    'unit weight',
    'parcel weight (or a package preset)',
  ],
};
