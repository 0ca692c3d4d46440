import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The blocklist NIST SP 800-63B asks for: the ~49,000 most common passwords from breach corpora, as
 * kept by zxcvbn-ts (`@zxcvbn-ts/language-common`, MIT; the list descends from Dropbox's zxcvbn), plus
 * words from the context: this service's name and its domain, and the pilot's own address. A list of
 * the most common passwords is what an online guesser tries first; a longer list would mostly refuse
 * passwords nobody guesses.
 */
const SERVICE_WORDS = ['airlock', 'drone', 'drones', 'pilot', 'flight', 'flightlog', 'uav'];

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'] as string[]);
  return common;
}

/** Why a (normalised) password is too easy to guess, or null when it is fine. */
export function passwordWeakness(password: string, email: string): string | null {
  const folded = password.toLowerCase();
  const compact = folded.replace(/\s+/gu, '');
  if (compact.length === 0) return 'password must not be only spaces';
  const list = commonPasswords();
  if (list.has(folded) || list.has(compact))
    return 'password is on a list of commonly used passwords: choose another';
  if (isPattern(compact))
    return 'password is a repeated or sequential pattern (like "aaaa…" or "1234…"): choose another';
  const context = contextWords(email);
  if (compact.includes(email)) return 'password must not contain your e-mail address';
  // A listed word or a context word with only digits, symbols or repeats around it ("Password1234567!",
  // "airlockairlock22") is still the first thing a guesser tries.
  const letters = compact.replace(/[^\p{L}]/gu, '');
  const rest = compact.replace(/\p{L}/gu, '');
  const trivialRest = [...rest].length <= 4 || isPattern(rest) || list.has(rest);
  if (letters.length >= 3) {
    const base = smallestUnit(letters);
    // The guesser knows the address: anything short around its words is guessable too.
    if (context.has(base) && (trivialRest || [...rest].length <= 8))
      return 'password must not be built from your e-mail address or the name of this service';
    if (base.length >= 4 && trivialRest && list.has(base))
      return 'password is a commonly used password with digits or symbols added: choose another';
  }
  return null;
}

/** The service's words and the parts of the pilot's address (local part, its word runs, domain labels). */
function contextWords(email: string): Set<string> {
  const [local = '', domain = ''] = email.split('@');
  const out = new Set(SERVICE_WORDS);
  const localLetters = local.replace(/[^\p{L}]/gu, '');
  if (localLetters) out.add(localLetters);
  for (const run of `${local}.${domain.split('.').slice(0, -1).join('.')}`.split(/[^\p{L}]+/u))
    if (run.length >= 3) out.add(run);
  return out;
}

/** "abcabcabc" → "abc"; a string that repeats nothing is its own unit. */
function smallestUnit(s: string): string {
  const cps = [...s];
  for (let n = 1; n <= cps.length / 2; n++) {
    if (cps.length % n !== 0) continue;
    const unit = cps.slice(0, n).join('');
    if (unit.repeat(cps.length / n) === s) return unit;
  }
  return s;
}

/** A short unit repeated ("aaaa…", "abab…", "1231231…") or a straight run ("1234567890123…", "zyxw…"). */
function isPattern(s: string): boolean {
  if ([...smallestUnit(s)].length <= 4) return true;
  const cps = [...s].map((c) => c.codePointAt(0) ?? 0);
  const digits = /^\d+$/.test(s);
  const step = (i: number) => (digits ? (cps[i + 1] - cps[i] + 10) % 10 : cps[i + 1] - cps[i]);
  const first = step(0);
  if (digits ? first !== 1 && first !== 9 : first !== 1 && first !== -1) return false;
  for (let i = 1; i < cps.length - 1; i++) if (step(i) !== first) return false;
  return true;
}
