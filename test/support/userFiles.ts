/** The header of the users file, as each language's Partner Center names the columns. */
export const USER_HEADERS = {
  en: ['First name', 'Last name', 'Display name', 'Email'],
  de: ['Vorname', 'Nachname', 'Anzeigename', 'E-Mail'],
  zh: ['名字', '姓氏', '显示名称', '电子邮件'],
  ru: ['Имя', 'Фамилия', 'Отображаемое имя', 'Email'],
} as const;

/** A users file of `count` valid rows on `domain` (user1…userN), with a header in a language and a delimiter. */
export function usersCsv(count: number, domain: string, options: { language?: keyof typeof USER_HEADERS; delimiter?: ',' | ';'; bom?: boolean } = {}): string {
  const { language = 'en', delimiter = ',', bom = false } = options;
  const rows = Array.from({ length: count }, (_, i) => [`Vorname${i + 1}`, `Nachname${i + 1}`, `Benutzer ${i + 1}`, `user${i + 1}@${domain}`]);
  return (bom ? '\uFEFF' : '') + [USER_HEADERS[language], ...rows].map((r) => r.join(delimiter)).join('\r\n') + '\r\n';
}
