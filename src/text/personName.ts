/**
 * A person's full name in the order their language writes it: "Michael
 * Chen", but 王伟 (family name first, no space) when the name is written in
 * Chinese, Japanese or Korean characters.
 */
/** A character of Chinese, Japanese or Korean script (addresses use it too). */
export const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function personName(firstName: string | undefined, lastName: string | undefined): string {
  const first = firstName?.trim() ?? '';
  const last = lastName?.trim() ?? '';
  // 王伟, 山田太郎, 김민준: written together, as each language writes a full name.
  if (EAST_ASIAN.test(first + last)) return `${last}${first}`;
  return [first, last].filter(Boolean).join(' ');
}

/** Whether a form in this language asks for the family name first (姓氏 before 名字, as Chinese forms do). */
export const familyNameFirst = (language: string): boolean => language === 'zh';

/** The two name fields in the order the language asks for them. */
export function inNameOrder<T>(language: string, first: T, last: T): [T, T] {
  return familyNameFirst(language) ? [last, first] : [first, last];
}
