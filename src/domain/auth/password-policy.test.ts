import { describe, expect, it } from 'vitest';
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordContext } from './password-policy.js';

const ERIKA: PasswordContext = { email: 'erika.mustermann@beispiel.test', displayName: 'Erika Mustermann' };

describe('checkPassword', () => {
  it.each<[string, string, PasswordContext, string[]]>([
    ['a long, varied passphrase', 'Regen-auf-dem-Dach-17', {}, []],
    ['exactly the minimum length', 'Abcdefgh-123', {}, []],
    ['one character short', 'Abcdefgh-12', {}, ['too_short']],
    ['empty', '', {}, ['too_short', 'too_repetitive']],
    ['exactly the maximum length', 'Abcdefgh-1'.repeat(PASSWORD_MAX_LENGTH / 4).slice(0, PASSWORD_MAX_LENGTH), {}, []],
    ['one character too long', 'Abcdefgh-1'.repeat(30).slice(0, PASSWORD_MAX_LENGTH + 1), {}, ['too_long']],
    ['common (case-insensitive)', 'Passwort1234', {}, ['too_common']],
    ['common, other entry', 'WELCOME12345', {}, ['too_common']],
    ['repetitive: one character', 'aaaaaaaaaaaaaaaa', {}, ['too_repetitive']],
    ['repetitive: four distinct characters', 'abcdabcdabcdabcd', {}, ['too_repetitive']],
    ['five distinct characters are enough', 'abcdeabcdeabcde', {}, []],
    ['contains the e-mail local part', 'xx-Erika.Mustermann-2026', ERIKA, ['contains_personal_data']],
    ['contains the first name', 'Erika-liebt-Regen-77', ERIKA, ['contains_personal_data']],
    ['contains the surname in upper case', 'REGEN-MUSTERMANN-77', ERIKA, ['contains_personal_data']],
    ['name parts under four characters do not count', 'Bo-und-Li-im-Regen-7', { email: 'bo@x.test', displayName: 'Bo Li' }, []],
    ['no context: a name is just text', 'Erika-liebt-Regen-77', {}, []],
    ['several problems at once', 'aaaa', { displayName: 'aaaa' }, ['too_short', 'too_repetitive', 'contains_personal_data']],
  ])('%s', (_name, password, ctx, expected) => {
    expect(checkPassword(password, ctx)).toEqual(expected);
  });

  it('counts characters, not UTF-16 units (an emoji is one character)', () => {
    const elevenChars = 'Ab-1🏠🏡🏢🏣🏤🏥🏦';
    expect([...elevenChars]).toHaveLength(PASSWORD_MIN_LENGTH - 1);
    expect(checkPassword(elevenChars)).toEqual(['too_short']);
    expect(checkPassword(elevenChars + '🏧')).toEqual([]);
  });

  // The demo accounts (src/server/modules/demo/demo-data.ts) all use this password; the domain
  // layer does not import server code, so the value and a few of the accounts are repeated here.
  it.each<[PasswordContext]>([
    [{}],
    [{ email: 'admin@demo.test', displayName: 'Sam Systemadmin' }],
    [{ email: 'kreis@demo.test', displayName: 'Karla Kreisadmin' }],
    [{ email: 'fk.a@demo.test', displayName: 'Fatma Fachkraft' }],
    [{ email: 'tl.a@demo.test', displayName: 'Tobias Teamleitung' }],
  ])('accepts the demo password Bleibe-Demo-2026! (context %j)', (ctx) => {
    expect(checkPassword('Bleibe-Demo-2026!', ctx)).toEqual([]);
  });
});
