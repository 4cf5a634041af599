import { describe, expect, it } from 'vitest';
import { auditDetailsText } from '../../renderer/src/features/operators/audit-detail';
import type { AuditDetail } from '../../shared/domain/operators';
import type { Language } from '../../shared/i18n/index';
import en from '../../shared/i18n/locales/en/index';
import ja from '../../shared/i18n/locales/ja/index';
import zhHans from '../../shared/i18n/locales/zh-Hans/index';
import { translate, type Translate, type Tree } from '../../shared/i18n/translate';

// Audit details are written as keys and values by any station (issue 18 item 5) and put into
// words by the screen that shows them, in its own language.

const catalogues: Record<string, Record<string, unknown>> = { en, ja, 'zh-Hans': zhHans };
const tIn =
  (language: Language): Translate<'operators'> =>
  (key, values) =>
    translate((lang, ns) => catalogues[lang]?.[ns] as Tree | undefined, language, 'operators', key, values);
const text = (language: Language, detail: AuditDetail) => auditDetailsText(tIn(language), { details: null, detail });

describe('audit details in the screen’s language', () => {
  it('an operator changed: its role, PIN and state in words, roles translated', () => {
    const detail: AuditDetail = {
      key: 'operatorChanged',
      values: { name: 'Kai', roleFrom: 'packer', roleTo: 'supervisor', pin: 'changed', active: 'deactivated' },
    };
    expect(text('en', detail)).toBe('Kai: role Packer → Supervisor, PIN changed, deactivated');
    expect(text('ja', detail)).toBe('Kai：役割 梱包担当 → 管理者、PIN を変更、無効化');
    expect(text('zh-Hans', detail)).toBe('Kai：角色 打包员 → 主管，已更改 PIN，已停用');
    expect(text('ja', { key: 'operatorChanged', values: { name: 'Kai' } })).toBe('Kai：変更なし');
  });

  it('sign-in refused, an operator added, a setting with an environment, a batch', () => {
    expect(text('ja', { key: 'signInFailed', values: { name: 'Pia', reason: 'wrong' } })).toBe('Pia：名前または PIN が違います');
    expect(text('en', { key: 'signInFailed', values: { name: 'Pia', reason: 'locked' } })).toBe('Pia: paused after too many wrong PINs');
    expect(text('ja', { key: 'operatorAdded', values: { name: 'Aiko', role: 'supervisor' } })).toBe('Aiko（管理者）');
    expect(text('ja', { key: 'tokenSaved', values: { environment: 'production' } })).toMatch(/^本番.* の API トークンを保存$/);
    expect(text('en', { key: 'environment', values: { environment: 'demo' } })).toBe('Demo');
    expect(text('zh-Hans', { key: 'printerProfileSaved', values: { printer: 'desk-queue' } })).toBe('已保存 desk-queue 的打印机配置');
    expect(text('en', { key: 'batchStarted', values: { importId: 'imp-1', labelled: 'included' } })).toBe(
      'Import imp-1, labelled orders included',
    );
    expect(text('ja', { key: 'workgroupSettings', values: {} })).toBe('ワークグループの設定');
  });

  it('codes it does not know (a newer station’s) and plain-text lines are shown as written', () => {
    expect(text('en', { key: 'operatorAdded', values: { name: 'Lee', role: 'auditor' } })).toBe('Lee (auditor)');
    expect(auditDetailsText(tIn('ja'), { details: 'Desk printer ×2', detail: null })).toBe('Desk printer ×2');
    expect(auditDetailsText(tIn('ja'), { details: null, detail: null })).toBe('');
  });
});
