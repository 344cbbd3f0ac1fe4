import { estimatedWidth, LABEL_MAX_PX, LABEL_MIN_PX, labelColumnWidth, layOutLabels } from '../../src/cards/labelColumn.js';

const card = () => ({
  type: 'AdaptiveCard',
  body: [
    { type: 'FactSet', spacing: 'Medium', facts: [{ title: '公司名称', value: 'Contoso' }, { title: '国家/地区', value: '中国' }] },
    { type: 'Container', style: 'warning', items: [{ type: 'FactSet', facts: [{ title: '结束日期', value: '2026年12月1日' }] }] },
    { type: 'FactSet', facts: [] },
  ],
});

describe('the label column', () => {
  it('turns every FactSet into label rows sharing one width, keeping the set’s spacing and dropping an empty one', () => {
    const laidOut = card();
    layOutLabels(laidOut);
    expect(JSON.stringify(laidOut)).not.toContain('FactSet');
    const [first, warning, ...rest] = laidOut.body as Array<Record<string, any>>;
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ type: 'Container', spacing: 'Medium' });
    expect(first!.items).toHaveLength(2);
    const inner = warning!.items[0];
    const widths = [...first!.items, ...inner.items].map((row: any) => row.columns[0].width);
    expect(new Set(widths)).toEqual(new Set([`${labelColumnWidth(['公司名称', '国家/地区', '结束日期'])}px`]));
    expect(first!.items[1].columns.map((c: any) => c.items[0].text)).toEqual(['国家/地区', '中国']);
    const ids = [...first!.items, ...inner.items].map((row: any) => row.columns[0].items[0].id);
    expect(new Set(ids).size).toBe(3);
  });

  it('sizes the column for the widest label, between the minimum and the maximum', () => {
    expect(labelColumnWidth(['ID'])).toBe(LABEL_MIN_PX);
    expect(labelColumnWidth(['语言和区域性'])).toBe(estimatedWidth('语言和区域性') + 8);
    expect(labelColumnWidth(['Язык и региональные параметры'])).toBe(LABEL_MAX_PX);
  });

  it('counts a Chinese character about twice as wide as a Latin one', () => {
    expect(estimatedWidth('客户')).toBeGreaterThan(estimatedWidth('ab') * 1.5);
  });
});
