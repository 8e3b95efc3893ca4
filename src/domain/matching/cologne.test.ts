import { describe, expect, it } from 'vitest';
import { colognePhonetic, colognePhoneticRaw } from './cologne.js';

describe('colognePhonetic', () => {
  it.each([
    // Examples from Postel (1969) and the German Wikipedia article.
    ['Müller-Lüdenscheidt', '65752682'],
    ['Wikipedia', '3412'],
    ['Breschnew', '17863'],
    ['Meier', '67'],
    ['Mayer', '67'],
    ['Maier', '67'],
    ['Meyer', '67'],
    // Sound-alike spellings share a code.
    ['Schmidt', '862'],
    ['Schmitt', '862'],
    ['Hoffmann', '0366'],
    ['Hofmann', '0366'],
    ['Christoph', '47823'],
    ['Kristof', '47823'],
    // C: at the start before A, H, K, L, O, Q, R, U, X it is K-like, otherwise S-like.
    ['Carl', '475'],
    ['Cäsar', '887'],
    ['Cem', '86'],
    // X is 48, except after C, K, Q.
    ['Xaver', '4837'],
    ['Alex', '0548'],
    // PH is F; DT before S, Z, C is S-like.
    ['Philipp', '351'],
    ['Schulz', '858'],
    // Umlauts and ß on raw text, and their transliterations, give the same code.
    ['Groß', '478'],
    ['gross', '478'],
    ['mueller luedenscheidt', '65752682'],
    ['', ''],
    ['123', ''],
  ])('%j → %j', (input, expected) => {
    expect(colognePhonetic(input)).toBe(expected);
  });

  it.each([
    // The letter-by-letter code before collapsing runs and dropping zeros.
    ['Müller-Lüdenscheidt', '60550750206880022'],
    ['Wikipedia', '304010200'],
    ['Breschnew', '17088603'],
  ])('raw %j → %j', (input, expected) => {
    expect(colognePhoneticRaw(input)).toBe(expected);
  });
});
