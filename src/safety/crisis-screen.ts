/**
 * Safety screen run on every inbound message before any dialog sees it. It looks for language
 * about suicide, self-harm or a medical emergency, in English and Spanish, so the bot can stop
 * the current conversation and reply with crisis resources. It errs towards catching too much:
 * a false alarm costs one extra message, a miss can cost a life.
 *
 * Text is normalised first (see `normaliseForScreening`), so every pattern below is written
 * against lowercase ASCII-ish text with no diacritics and no apostrophes ("dont", "im", "mi").
 */

export type CrisisKind = 'suicide' | 'self_harm' | 'medical_emergency';

/** What the screen found; only the kind, never the matched text, so it is safe to log. */
export interface CrisisFinding {
  kind: CrisisKind;
}

interface NamedPattern {
  name: string;
  pattern: RegExp;
}

// Apostrophe look-alikes people type on phones and Spanish keyboards. U+00B4 must be replaced
// before NFKC, which would otherwise turn it into a space plus a combining accent.
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u00B4\u0060\uFF07]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const COMBINING_MARKS = /\p{M}/gu;

// Body temperatures that count as fever in oncology: 38 °C or more, or 100.4 °F or more.
const CELSIUS_OR_FAHRENHEIT = String.raw`(?:3[89]|4[0-2]|10[1-9])(?:[.,]\d+)?|100[.,][4-9]\d*`;
const HIGH_TEMPERATURE = String.raw`(?<![\d.,])(?:${CELSIUS_OR_FAHRENHEIT})(?!\d)`;
// A fever word that is neither negated ("no fever") nor resolved ("my fever is gone").
const ACTIVE_FEVER =
  String.raw`(?<!\b(?:no|without|sin) )\b(?:fever|febrile|fiebre|calentura)\b` +
  String.raw`(?!\s+(?:(?:is|has|was|went|already|ya|se|me|ha)\s+){0,3}` +
  String.raw`(?:gone|down|away|better|broke|broken|over|fue|bajo|quito|paso|desaparecio))`;
const TEMPERATURE_WORD = String.raw`\b(?:temp|temperature|temperatura)\b`;
const ON_CHEMO = String.raw`\b(?:chemo\w*|quimio\w*|neutropen\w*)`;
// Accidents ("I cut myself shaving", "me hago daño cocinando") are not self-harm.
const NOT_AN_ACCIDENT =
  String.raw`(?!\s+(?:by accident|accidentally|shaving|cooking|falling|when i fell` +
  String.raw`|al caer|sin querer|cocinando)\b)`;

const SUICIDE_PATTERNS: readonly NamedPattern[] = [
  // Explicit statements of intent or method, in either language: never ambiguous enough to skip.
  { name: 'kill-myself', pattern: /\bkill(?:ing)? my ?self\b/ },
  { name: 'suicide-word', pattern: /\bsuicid(?:e|al|io|arme|arse|a)\b/ },
  { name: 'end-my-life', pattern: /\b(?:end|ending|take|taking) my (?:own )?life\b/ },
  { name: 'end-it-all', pattern: /\bend(?:ing)? it all\b/ },
  { name: 'quitarme-la-vida', pattern: /\bquitarme la vida\b|\b(?:acabar|terminar) con mi vida\b/ },
  {
    name: 'acabar-con-todo',
    pattern: /\b(?:acabar|terminar) con todo\b(?! (?:el|la|los|las|lo|mi|mis|tu|su|sus)\b)/,
  },
  { name: 'me-quiero-matar', pattern: /\bme (?:quiero|voy a) matar\b/ },
  { name: 'matarme', pattern: /\b(?:quiero|voy a|pienso en|pensando en|ganas de) matarme\b/ },
  // Wanting to die. End-of-life wishes ("I want to die at home", "quiero morir en casa") are
  // ordinary palliative-care talk, not a crisis, and neither are idioms ("morirme de risa").
  {
    name: 'want-to-die',
    pattern: /\bwant(?:ed)? to die\b(?! (?:at|in|peacefully|with|surrounded)\b)/,
  },
  { name: 'wish-dead', pattern: /\bwish i (?:was|were) dead\b|\bbetter off dead\b/ },
  {
    name: 'quiero-morir',
    pattern: /\b(?:quiero|quisiera|deseo|ganas de) morir(?:me)?\b(?! (?:de|en|con|tranquil\w*)\b)/,
  },
  // Indirect phrasings (not wanting to exist, others better off, no point in going on): most
  // people in crisis do not name suicide outright.
  {
    name: 'not-want-to-live',
    pattern:
      /\b(?:dont|do not|no longer) want to (?:live|be alive|exist)\b(?! (?:in|with|alone)\b)/,
  },
  {
    name: 'not-want-to-be-here',
    pattern:
      /\b(?:dont|do not|no longer) want to be (?:here|around)(?: any ?more| any longer|\s*[.!?]|$)/,
  },
  { name: 'better-off-without-me', pattern: /\bbetter off without me\b/ },
  // "mi" followed by a noun is the possessive ("mejor sin mi peluca"), not "sin mí".
  { name: 'mejor-sin-mi', pattern: /\bmejor sin mi\b(?! (?!(?:todos|todas|y|ya)\b)[a-z])/ },
  {
    name: 'whats-the-point',
    pattern:
      /\b(?:whats|what is) the point (?:of|in) (?:going on|living|carrying on|being alive)\b/,
  },
  {
    name: 'no-reason-to-live',
    pattern: /\bno (?:point|reason) (?:in |of )?(?:going on|living|to live)\b/,
  },
  { name: 'not-worth-living', pattern: /\b(?:isnt|is not|no longer|not) worth living\b/ },
  { name: 'cant-go-on', pattern: /\bcant go on (?:any ?more|any longer)\b/ },
  {
    name: 'never-wake-up',
    pattern: /\b(?:hope|want|wish|pray)\b[^.!?]{0,25}\b(?:never|not) wake up\b/,
  },
  {
    name: 'disappear',
    pattern: /\b(?:want to|wanna) disappear\b|\b(?:quiero|quisiera|ganas de) desaparecer\b/,
  },
  {
    name: 'no-quiero-vivir',
    pattern: /\bno quiero (?:seguir )?vivir\b|\bya no quiero (?:estar aqui|seguir)\b/,
  },
  { name: 'sin-ganas-de-vivir', pattern: /\b(?:sin|no tengo) ganas de vivir\b/ },
  {
    name: 'no-tiene-sentido',
    pattern: /\bno (?:tiene sentido|vale la pena) (?:seguir viviendo|vivir)\b/,
  },
  {
    name: 'no-despertar',
    pattern: /\bdormir(?:me)? y no despertar|\bno despertar(?:me)? (?:nunca|jamas)\b/,
  },
  // An overdose already taken is an attempt in progress.
  {
    name: 'took-all-pills',
    pattern: /\b(?:took|taken|swallowed) (?:all|a whole) (?:of )?(?:my )?pills\b/,
  },
  {
    name: 'took-a-bottle',
    pattern: /\b(?:took|taken|swallowed) (?:a|the) whole (?:bottle|pack|box|packet)\b/,
  },
  { name: 'overdose', pattern: /\bi (?:just )?overdosed\b|\bsobredosis\b/ },
  {
    name: 'me-tome-todas',
    pattern: /\bme tome (?:todas las|todo el|todos los) (?:pastillas|bote|frasco|medicamentos)\b/,
  },
];

const SELF_HARM_PATTERNS: readonly NamedPattern[] = [
  // Hurting, cutting or burning oneself on purpose, and the clinical terms, in either language:
  // self-harm needs the same immediate support even without suicidal intent.
  {
    name: 'hurt-myself',
    pattern: new RegExp(
      String.raw`\b(?:hurt|hurting|harm|harming|cut|cutting|burn|burning|burned|burnt) my ?self\b` +
        NOT_AN_ACCIDENT,
    ),
  },
  { name: 'self-harm-word', pattern: /\bself[- ]?(?:harm|harming|injury|injuring|mutilat\w*)\b/ },
  { name: 'autolesion', pattern: /\bautolesi\w*/ },
  {
    name: 'hacerme-dano',
    pattern: new RegExp(
      String.raw`\b(?:hacerme|me (?:hago|quiero hacer|voy a hacer|estoy haciendo)) dano\b` +
        NOT_AN_ACCIDENT,
    ),
  },
  // "cortarme el pelo" is a haircut, "me corto las uñas" a manicure.
  {
    name: 'cortarme',
    pattern: /\b(?:cortarme|me corto|me estoy cortando)\b(?! (?:el|las) (?:pelo|unas|barba)\b)/,
  },
  { name: 'lastimarme', pattern: /\b(?:lastimarme|herirme|quemarme)\b|\bme lastimo a proposito\b/ },
];

const MEDICAL_EMERGENCY_PATTERNS: readonly NamedPattern[] = [
  // Not being able to breathe needs emergency services whatever the cause.
  {
    name: 'cant-breathe',
    pattern:
      /\b(?:cant|cannot|can not|unable to|struggling to) (?:breathe|breath|catch my breath)\b/,
  },
  {
    name: 'trouble-breathing',
    pattern: /\b(?:trouble|difficulty|hard time) breathing\b|\bsuffocating\b/,
  },
  {
    name: 'no-puedo-respirar',
    pattern: /\bno (?:puedo|puede) respirar\b|\bme (?:ahogo|falta el aire)\b/,
  },
  // Chest pain could be a heart attack or a pulmonary embolism (common with cancer).
  { name: 'chest-pain', pattern: /\bchest (?:pain|pains|tightness|pressure)\b/ },
  {
    name: 'pain-in-chest',
    pattern:
      /\b(?:pain|pressure|tightness|crushing|squeezing)\b[^.!?]{0,25}\bin (?:my|the) chest\b/,
  },
  {
    name: 'dolor-pecho',
    pattern: /\b(?:dolor|opresion|presion)\b[^.!?]{0,20}\b(?:en el|del) pecho\b/,
  },
  { name: 'me-duele-el-pecho', pattern: /\bme duele (?:mucho )?el pecho\b/ },
  // Uncontrolled bleeding, or blood coughed or vomited up.
  { name: 'bleeding-wont-stop', pattern: /\bbleeding (?:that )?(?:wont|will not|doesnt) stop\b/ },
  { name: 'cant-stop-bleeding', pattern: /\b(?:cant|cannot) stop (?:the )?bleeding\b/ },
  { name: 'coughing-blood', pattern: /\b(?:coughing|vomiting|throwing) up blood\b/ },
  {
    name: 'sangrado',
    pattern: /\bsangrado (?:que )?no (?:para|se detiene)\b|\bno (?:para|deja) de sangrar\b/,
  },
  { name: 'vomito-sangre', pattern: /\b(?:vomito|vomitando|toso|tosiendo) sangre\b/ },
  // Fever of 38 °C / 100.4 °F or more, or any fever on chemotherapy: neutropenic sepsis risk.
  {
    name: 'fever-of-temperature',
    pattern: new RegExp(
      String.raw`(?:${ACTIVE_FEVER}|${TEMPERATURE_WORD})[^.!?\d]{0,25}${HIGH_TEMPERATURE}`,
    ),
  },
  {
    name: 'temperature-of-fever',
    pattern: new RegExp(
      HIGH_TEMPERATURE +
        String.raw` ?(?:°|o|degrees?|grados?)? ?[cf]? ?(?:of |de )?(?:fever|fiebre)\b`,
    ),
  },
  { name: 'fever-on-chemo', pattern: new RegExp(`${ACTIVE_FEVER}[^.!?]{0,40}${ON_CHEMO}`) },
  { name: 'chemo-then-fever', pattern: new RegExp(`${ON_CHEMO}[^.!?]{0,40}${ACTIVE_FEVER}`) },
  // Loss of consciousness and seizures (brain metastases, low sodium, low blood sugar).
  {
    name: 'passed-out',
    pattern: /\b(?:passed out|fainted|blacked out|unconscious|unresponsive)\b/,
  },
  {
    name: 'desmayo',
    pattern: /\b(?:me|se) (?:desmaye|desmayo|ha desmayado|he desmayado)\b|\binconsciente\b/,
  },
  {
    name: 'cant-wake',
    pattern: /\b(?:cant|cannot) wake (?:him|her|them) up\b|\bno (?:puedo|podemos) despertarl[oa]\b/,
  },
  { name: 'perdio-el-conocimiento', pattern: /\b(?:perdi|perdio) el conocimiento\b/ },
  {
    name: 'seizure',
    pattern:
      /\b(?:seizures?|seizing|convulsing|convulsions?)\b(?! (?:medication|medicine|meds|pills)\b)/,
  },
  { name: 'convulsion', pattern: /\bconvulsion(?:es|ando|a)?\b|\bataque epileptico\b/ },
  // Signs of a stroke: every minute counts.
  {
    name: 'stroke',
    pattern: /\b(?:having|had|is having) a stroke\b|\b(?:face (?:is )?drooping|slurred speech)\b/,
  },
  { name: 'ictus', pattern: /\b(?:ictus|derrame cerebral)\b/ },
];

// In precedence order: the first kind with a matching pattern wins.
const SCREENS: readonly { kind: CrisisKind; patterns: readonly NamedPattern[] }[] = [
  { kind: 'suicide', patterns: SUICIDE_PATTERNS },
  { kind: 'self_harm', patterns: SELF_HARM_PATTERNS },
  { kind: 'medical_emergency', patterns: MEDICAL_EMERGENCY_PATTERNS },
];

/**
 * Normalises text for matching: NFKC (full-width letters and digits become ASCII), lowercase,
 * no diacritics ("mí" becomes "mi"), no apostrophes ("don't" becomes "dont"), straight double
 * quotes, single spaces (zero-width characters count as spaces: they are used as separators).
 */
export function normaliseForScreening(text: string): string {
  return text
    .replace(APOSTROPHES, "'")
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(ZERO_WIDTH, ' ')
    .replace(DOUBLE_QUOTES, '"')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Returns a finding when the text contains language about suicide, self-harm or a medical
 * emergency (English or Spanish), else undefined. When several kinds match, suicide wins over
 * self-harm, which wins over a medical emergency.
 */
export function screenForCrisis(text: string): CrisisFinding | undefined {
  const normalised = normaliseForScreening(text);
  if (normalised === '') return undefined;

  const screen = SCREENS.find(({ patterns }) =>
    patterns.some(({ pattern }) => pattern.test(normalised)),
  );
  return screen ? { kind: screen.kind } : undefined;
}
