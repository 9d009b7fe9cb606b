/**
 * The bot's own words, in Swedish and English. Everything here is the bot speaking about itself; nothing here
 * ever stands in for what a statement says. Functions return HTML for Telegram's HTML parse mode: any value
 * they interpolate must already be escaped by the caller (format.ts does it), except numbers.
 */
import type { Lang } from '../types.js';

export interface Messages {
  /** Opening and closing quotation marks for a verbatim sentence. */
  quote: [string, string];
  answer: string;
  fromStatements: string;
  notAnswered: string;
  notAnsweredEcho: (q: string) => string;
  nearest: string;
  nothingNear: string;
  rephrase: string;
  unknownPublisher: string;
  unknownDate: string;
  /** After a statement's date, when the source edited it: "updated 3 January 2026 09:12". */
  updatedAt: (when: string) => string;
  noLink: string;
  readSource: string;
  readWhole: string;
  buttonContext: string;
  buttonMore: string;
  moreHeader: string;
  /** Header of the other statements that answer a general question too (newest first, after the lead). */
  alsoAnswered: string;
  /** /verify of an English rendering of a Swedish quote: only the original can be checked. */
  translationNote: string;
  nearestOriginal: string;
  noMore: string;
  contextHeader: string;
  contextGone: string;
  expired: string;
  slowDown: string;
  apology: string;
  adminOnly: string;
  uploadAdminOnly: string;
  unknownCommand: string;
  emptyQuestion: string;
  /** `more`: lines of further features (following topics, sources), after the built-in commands. */
  help: (p: { statements: number; sentences: number; from: string | null; to: string | null; admin: boolean; bot: string; more?: string[] }) => string;
  // /verify
  verifyUsage: string;
  verbatim: string;
  altered: string;
  notFound: (statements: number) => string;
  sourceSentence: string;
  changesHeader: string;
  changeChanged: (quote: string, source: string) => string;
  changeAdded: (quote: string) => string;
  changeRemoved: (source: string) => string;
  similarity: (pct: number) => string;
  speakerNamed: (speaker: string) => string;
  speakerNone: string;
  speakerMismatch: (claimed: string, named: string | null) => string;
  speakerMatches: (speaker: string) => string;
  // admin
  status: (p: {
    statements: number;
    sentences: number;
    newest: string;
    oldest: string;
    age: string;
    model: string | null;
    uptime: string;
    notice: string | null;
  }) => string;
  /** The embedding model could not be loaded (the details, with paths, are in the server's log). */
  modelUnavailable: (model: string) => string;
  reindexStarted: string;
  reindexRunning: string;
  reindexPhase: (phase: string, done: number, total: number | null) => string;
  reindexDone: (p: { statements: number; sentences: number; issues: number; seconds: string }) => string;
  reindexUnchanged: (statements: number) => string;
  reindexFailed: string;
  phases: Record<'reading' | 'indexing' | 'embedding' | 'writing' | 'done', string>;
  uploadTooLarge: (size: string, max: string) => string;
  uploadUnknownSize: string;
  uploadNotText: (reason: string) => string;
  uploadDownloadFailed: string;
  uploadNoStatements: (issues: string) => string;
  uploadAdded: (p: { added: number; replaced: number; removed: number; file: string; issues: string }) => string;
  uploadNoFolder: (path: string) => string;
  uploadIdTaken: (id: string, file: string, count: number) => string;
  removeUsage: string;
  removed: (id: string, moved: string | null) => string;
  removedLine: (id: string, file: string, kept: string | null) => string;
  removeOutsideFolders: (file: string) => string;
  removeUnknown: (id: string) => string;
  refused: (reason: string) => string;
  reindexRefused: (reason: string) => string;
  /** A write failed because of the place (full disk, read-only, permissions); `code` is ENOSPC, EROFS, …. */
  storageFailed: (place: string, code: string) => string;
  // inline mode
  inlineNoAnswer: string;
  inlineHelp: string;
  duration: (ms: number) => string;
}

/** `count` and the word in the right number: plural(1, 'uttalande', 'uttalanden') → "1 uttalande". */
function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const sv: Messages = {
  quote: ['”', '”'],
  answer: 'Svar',
  fromStatements: 'Ur uttalandena',
  notAnswered: 'Uttalandena jag känner till besvarar inte frågan.',
  notAnsweredEcho: (q) => `Uttalandena jag känner till besvarar inte frågan ”${q}”.`,
  nearest: 'Närmast (de besvarar <b>inte</b> frågan):',
  nothingNear: 'Jag hittade inget uttalande som liknar frågan.',
  rephrase: 'Tips: fråga om en sak i taget och nämn plats, person eller händelse.',
  unknownPublisher: 'okänd utgivare',
  unknownDate: 'datum okänt',
  updatedAt: (when) => `uppdaterad ${when}`,
  noLink: 'ingen offentlig länk',
  readSource: 'Läs i källan',
  readWhole: 'Läs hela uttalandet',
  buttonContext: '📄 Visa sammanhang',
  buttonMore: '📚 Fler källor',
  moreHeader: 'Fler källor (närliggande meningar, i relevansordning):',
  alsoAnswered: 'Tidigare uttalanden som också svarar (nyast först):',
  translationNote: 'Citatet verkar vara en översättning. Bara originalets ordalydelse kan kontrolleras; här är den närmaste svenska meningen (ingen träff):',
  nearestOriginal: 'Närmaste mening i originalet',
  noMore: 'Det finns inga fler källor till den frågan.',
  contextHeader: 'Sammanhang',
  contextGone: 'Det uttalandet finns inte längre i indexet.',
  expired: 'Knappen har gått ut. Ställ frågan igen, så får du nya knappar.',
  slowDown: 'Lugna ner dig lite 🙂 Du skickar meddelanden snabbare än jag hinner svara. Vänta några sekunder och försök igen.',
  apology: 'Förlåt, något gick fel när jag skulle svara. Försök igen om en stund.',
  adminOnly: 'Förlåt, det kommandot är bara för botens administratörer. Inget har ändrats.',
  uploadAdminOnly: 'Tack! Men bara botens administratörer kan lägga till uttalanden, så filen har inte sparats. Ställ gärna en fråga i stället.',
  unknownCommand: 'Det kommandot känner jag inte till. Skriv /help för att se vad jag kan.',
  emptyQuestion: 'Skriv en fråga, till exempel: Hur många sitter häktade?',
  help: (p) =>
    [
      'Jag besvarar frågor om officiella uttalanden (pressmeddelanden från polisen och kommuner) med <b>ordagranna meningar ur uttalandena</b>, var och en med källa och länk. Jag skriver aldrig egna svar.',
      '',
      p.statements === 0
        ? 'Just nu känner jag inte till några uttalanden.'
        : `Jag känner till <b>${p.statements}</b> ${p.statements === 1 ? 'uttalande' : 'uttalanden'} (${plural(p.sentences, 'mening', 'meningar')})${
            p.from ? `, publicerade ${p.from === p.to ? p.from : `${p.from} – ${p.to}`}` : ', publiceringsdatum okända'
          }.`,
      '',
      'Fråga på svenska eller engelska, till exempel:',
      '• Hur många sitter häktade?',
      '• How many are remanded?',
      '• Vem är regionpolischef i Stockholm?',
      '',
      '/verify <i>citat</i> – kontrollera om ett citat står ordagrant i ett uttalande (även <code>/verify Namn: citat</code>, eller svara /verify på ett meddelande)',
      `I vilken chatt som helst: skriv <code>@${p.bot} fråga</code> för att dela en citerad mening.`,
      'I grupper svarar jag på kommandon och på meddelanden som nämner mig eller svarar mig.',
      ...(p.more ?? []),
      ...(p.admin
        ? ['', '<b>Administratör:</b> /status, /reindex (eller /reindex force), /remove <i>id</i>, och skicka en .md-, .txt-, .html- eller .jsonl-fil för att lägga till den.']
        : []),
    ].join('\n'),
  verifyUsage:
    'Skriv citatet efter kommandot, till exempel:\n<code>/verify Mats Löfving: de som trodde de var onåbara är nu frihetsberövade</code>\neller svara /verify på ett meddelande som innehåller citatet.',
  verbatim: '✅ <b>Ordagrant</b>: orden står så i ett uttalande.',
  altered: '⚠️ <b>Ändrat</b>: ett uttalande säger nästan så, men med andra ord.',
  notFound: (n) => `❌ <b>Hittades inte</b> i ${n === 1 ? 'det enda uttalande' : `de ${n} uttalanden`} jag känner till. Det betyder inte att det aldrig har sagts, bara att det inte står i dem.`,
  sourceSentence: 'Källan',
  changesHeader: 'Skillnader:',
  changeChanged: (q, s) => `• citatet säger ”${q}”, källan säger ”${s}”`,
  changeAdded: (q) => `• citatet lägger till ”${q}”`,
  changeRemoved: (s) => `• citatet utelämnar ”${s}”`,
  similarity: (pct) => `Likhet: ${pct} %`,
  speakerNamed: (s) => `Talare enligt källan: ${s}`,
  speakerNone: 'Källan anger ingen talare för meningen.',
  speakerMismatch: (c, n) => `⚠️ <b>Fel talare?</b> Citatet tillskrivs ${c}, men källan ${n ? `anger ${n}` : 'anger ingen talare'}.`,
  speakerMatches: (s) => `✓ Talaren stämmer: ${s}.`,
  status: (p) =>
    [
      '<b>Status</b>',
      `Uttalanden: ${p.statements}`,
      `Meningar: ${p.sentences}`,
      `Nyaste uttalandet: ${p.newest}`,
      `Äldsta uttalandet: ${p.oldest}`,
      `Indexet byggdes för ${p.age} sedan`,
      `Sökning: ${p.model ? `inbäddningsmodell ${p.model} + ord` : 'endast ord (ingen inbäddningsmodell)'}`,
      `Drifttid: ${p.uptime}`,
      ...(p.notice ? [`Obs: ${p.notice}`] : []),
    ].join('\n'),
  modelUnavailable: (model) => `inbäddningsmodellen ${model} kunde inte läsas in, så jag söker bara på ord (orsaken står i serverns logg).`,
  reindexStarted: '🔄 Indexerar om… Det gamla indexet svarar tills det nya är klart.',
  reindexRunning: 'En omindexering pågår redan; vänta tills den är klar.',
  reindexPhase: (phase, done, total) => `🔄 Indexerar om… ${phase}: ${done}${total !== null ? ` av ${total}` : ''}\nDet gamla indexet svarar tills det nya är klart.`,
  reindexDone: (p) =>
    `✅ Klart: ${plural(p.statements, 'uttalande', 'uttalanden')}, ${plural(p.sentences, 'mening', 'meningar')}${p.issues ? `, ${plural(p.issues, 'fil eller rad', 'filer eller rader')} hoppades över (se loggen)` : ''}, på ${p.seconds} s. Det nya indexet används nu.`,
  reindexUnchanged: (n) => `✅ Inget har ändrats i korpusen; indexet (${plural(n, 'uttalande', 'uttalanden')}) är redan aktuellt. Skriv /reindex force för att bygga om ändå.`,
  reindexFailed: '❌ Omindexeringen misslyckades (se loggen). Det gamla indexet svarar fortfarande.',
  phases: { reading: 'läser', indexing: 'indexerar', embedding: 'beräknar vektorer', writing: 'skriver', done: 'klart' },
  uploadTooLarge: (size, max) => `Filen är för stor (${size}; gränsen är ${max}, MAX_UPLOAD_BYTES). Den har inte hämtats.`,
  uploadUnknownSize: 'Telegram anger inte filens storlek; den hämtas bara upp till gränsen.',
  uploadNotText: (r) => `Filen har inte lagts till: innehållet är inte text, HTML eller JSON Lines (${r}).`,
  uploadDownloadFailed: 'Filen kunde inte hämtas från Telegram. Försök igen om en stund.',
  uploadNoStatements: (issues) => `Filen har inte lagts till: inget uttalande kunde läsas ur den.${issues ? `\n${issues}` : ''}`,
  uploadAdded: (p) =>
    `✅ Sparad som <code>${p.file}</code> och indexerad: ${p.added === 1 ? '1 uttalande tillagt' : `${p.added} uttalanden tillagda`}${
      p.replaced ? `, ${p.replaced} ersatta` : ''
    }${p.removed ? `, ${p.removed} borttagna (filen har dem inte längre)` : ''}.${p.issues ? `\n${p.issues}` : ''}`,
  uploadNoFolder: (p) => `Kan inte spara uppladdningar: den första sökvägen i CORPUS_PATHS (${p}) är ingen mapp.`,
  uploadIdTaken: (id, file, n) =>
    `Filen har inte lagts till: id:t <code>${id}</code> tillhör redan <code>${file}</code>${n > 1 ? ` (och ${n - 1} id till tillhör andra filer)` : ''}. Ge uttalandena egna id:n. Inget har ändrats.`,
  removeUsage: 'Skriv id:t efter kommandot: <code>/remove id</code> (ett uttalandes id är filens sökväg i korpusen, eller dess id i JSON Lines).',
  removed: (id, moved) => `🗑 <code>${id}</code> är borttaget ur indexet.${moved ? ` Filen har flyttats till <code>${moved}</code> (flytta tillbaka den och kör /reindex för att ångra).` : ''}`,
  removedLine: (id, file, kept) =>
    `🗑 <code>${id}</code> är borttaget ur indexet och ur <code>${file}</code> (filens övriga uttalanden finns kvar).${kept ? ` Raden sparades i <code>${kept}</code>.` : ''}`,
  removeOutsideFolders: (file) =>
    `Inget har ändrats: uttalandet kommer från <code>${file}</code>, som anges direkt i CORPUS_PATHS i stället för att ligga i en korpusmapp. Ta bort det ur den filen och kör /reindex.`,
  removeUnknown: (id) => `Det finns inget uttalande med id <code>${id}</code>. Inget har ändrats.`,
  refused: (r) => `Inget har ändrats: ${r}`,
  reindexRefused: (r) => `❌ Omindexeringen gjordes inte: ${r}`,
  storageFailed: (place, code) =>
    `❌ Inget har ändrats: ${
      code === 'ENOSPC' || code === 'EDQUOT'
        ? `disken är full där <code>${place}</code> ligger. Frigör utrymme och försök igen.`
        : code === 'EROFS'
          ? `<code>${place}</code> ligger på ett skrivskyddat filsystem. Gör det skrivbart eller peka inställningen mot en skrivbar mapp.`
          : code === 'EACCES' || code === 'EPERM'
            ? `boten saknar skrivrätt till <code>${place}</code>. Ge den skrivrätt eller peka inställningen mot en annan mapp.`
            : `det gick inte att skriva till <code>${place}</code> (${code}).`
    }`,
  inlineNoAnswer: 'Uttalandena besvarar inte frågan',
  inlineHelp: 'Så här frågar du',
  duration: (ms) => duration(ms, ['d', 'h', 'min', 's']),
};

const en: Messages = {
  quote: ['“', '”'],
  answer: 'Answer',
  fromStatements: 'From the statements',
  notAnswered: 'The statements I know do not answer this question.',
  notAnsweredEcho: (q) => `The statements I know do not answer “${q}”.`,
  nearest: 'Nearest (they do <b>not</b> answer it):',
  nothingNear: 'I found no statement that comes close to the question.',
  rephrase: 'Tip: ask one thing at a time, and name the place, person or event.',
  unknownPublisher: 'unknown publisher',
  unknownDate: 'date unknown',
  updatedAt: (when) => `updated ${when}`,
  noLink: 'no public link',
  readSource: 'Read at the source',
  readWhole: 'Read the whole statement',
  buttonContext: '📄 Show context',
  buttonMore: '📚 More sources',
  moreHeader: 'Further sources (nearby sentences, most relevant first):',
  alsoAnswered: 'Earlier statements that answer it too (newest first):',
  translationNote: 'The quote looks like a translation. Only the original wording can be checked; this is the nearest Swedish sentence (not a match):',
  nearestOriginal: 'Nearest sentence in the original',
  noMore: 'There are no further sources for that question.',
  contextHeader: 'Context',
  contextGone: 'That statement is no longer in the index.',
  expired: 'This button has expired. Ask the question again to get fresh buttons.',
  slowDown: 'Please slow down 🙂 You are sending messages faster than I can answer. Wait a few seconds and try again.',
  apology: 'Sorry, something went wrong while answering. Please try again in a moment.',
  adminOnly: 'Sorry, that command is only for the bot’s administrators. Nothing was changed.',
  uploadAdminOnly: 'Thank you! But only the bot’s administrators can add statements, so the file was not saved. Feel free to ask a question instead.',
  unknownCommand: 'I don’t know that command. Send /help to see what I can do.',
  emptyQuestion: 'Send me a question, for example: How many are remanded?',
  help: (p) =>
    [
      'I answer questions about official statements (press releases from the Swedish police and cities) with <b>sentences quoted word for word from the statements</b>, each with its source and link. I never write answers of my own.',
      '',
      p.statements === 0
        ? 'Right now I know no statements.'
        : `I know <b>${p.statements}</b> ${p.statements === 1 ? 'statement' : 'statements'} (${plural(p.sentences, 'sentence', 'sentences')})${
            p.from ? `, published ${p.from === p.to ? p.from : `${p.from} – ${p.to}`}` : ', publication dates unknown'
          }.`,
      '',
      'Ask in Swedish or English, for example:',
      '• How many are remanded?',
      '• Hur många sitter häktade?',
      '• Who is the regional police chief in Stockholm?',
      '',
      '/verify <i>quote</i> – check whether a quote appears verbatim in a statement (also <code>/verify Name: quote</code>, or reply /verify to a message)',
      `In any chat: type <code>@${p.bot} question</code> to share a cited sentence.`,
      'In groups I answer commands and messages that mention me or reply to me.',
      ...(p.more ?? []),
      ...(p.admin ? ['', '<b>Admin:</b> /status, /reindex (or /reindex force), /remove <i>id</i>, and send a .md, .txt, .html or .jsonl file to add it.'] : []),
    ].join('\n'),
  verifyUsage:
    'Put the quote after the command, for example:\n<code>/verify Mats Löfving: de som trodde de var onåbara är nu frihetsberövade</code>\nor reply /verify to a message that holds the quote.',
  verbatim: '✅ <b>Verbatim</b>: these words appear in a statement.',
  altered: '⚠️ <b>Altered</b>: a statement says nearly this, with words changed.',
  notFound: (n) => `❌ <b>Not found</b> in ${n === 1 ? 'the one statement' : `the ${n} statements`} I know. That does not mean it was never said, only that they do not say it.`,
  sourceSentence: 'Source',
  changesHeader: 'Differences:',
  changeChanged: (q, s) => `• the quote says “${q}”, the source says “${s}”`,
  changeAdded: (q) => `• the quote adds “${q}”`,
  changeRemoved: (s) => `• the quote leaves out “${s}”`,
  similarity: (pct) => `Similarity: ${pct}%`,
  speakerNamed: (s) => `Speaker named by the source: ${s}`,
  speakerNone: 'The source names no speaker for this sentence.',
  speakerMismatch: (c, n) => `⚠️ <b>Wrong speaker?</b> The quote is attributed to ${c}, but the source ${n ? `names ${n}` : 'names no speaker'}.`,
  speakerMatches: (s) => `✓ The speaker matches: ${s}.`,
  status: (p) =>
    [
      '<b>Status</b>',
      `Statements: ${p.statements}`,
      `Sentences: ${p.sentences}`,
      `Newest statement: ${p.newest}`,
      `Oldest statement: ${p.oldest}`,
      `Index built ${p.age} ago`,
      `Search: ${p.model ? `embedding model ${p.model} + words` : 'lexical only (no embedding model)'}`,
      `Uptime: ${p.uptime}`,
      ...(p.notice ? [`Note: ${p.notice}`] : []),
    ].join('\n'),
  modelUnavailable: (model) => `the embedding model ${model} could not be loaded, so I search by words only (the server’s log says why).`,
  reindexStarted: '🔄 Re-indexing… The old index keeps answering until the new one is ready.',
  reindexRunning: 'A re-index is already running; please wait for it to finish.',
  reindexPhase: (phase, done, total) => `🔄 Re-indexing… ${phase}: ${done}${total !== null ? ` of ${total}` : ''}\nThe old index keeps answering until the new one is ready.`,
  reindexDone: (p) =>
    `✅ Done: ${plural(p.statements, 'statement', 'statements')}, ${plural(p.sentences, 'sentence', 'sentences')}${p.issues ? `, ${plural(p.issues, 'input', 'inputs')} skipped (see the log)` : ''}, in ${p.seconds} s. The new index is live.`,
  reindexUnchanged: (n) => `✅ Nothing changed in the corpus; the index (${plural(n, 'statement', 'statements')}) is up to date. Send /reindex force to rebuild anyway.`,
  reindexFailed: '❌ The re-index failed (see the log). The old index is still answering.',
  phases: { reading: 'reading', indexing: 'indexing', embedding: 'embedding', writing: 'writing', done: 'done' },
  uploadTooLarge: (size, max) => `The file is too large (${size}; the limit is ${max}, MAX_UPLOAD_BYTES). It was not downloaded.`,
  uploadUnknownSize: 'Telegram does not give the file’s size; it is downloaded only up to the limit.',
  uploadNotText: (r) => `The file was not added: its content is not text, HTML or JSON Lines (${r}).`,
  uploadDownloadFailed: 'The file could not be downloaded from Telegram. Please try again in a moment.',
  uploadNoStatements: (issues) => `The file was not added: no statement could be read from it.${issues ? `\n${issues}` : ''}`,
  uploadAdded: (p) =>
    `✅ Saved as <code>${p.file}</code> and indexed: ${p.added} ${p.added === 1 ? 'statement' : 'statements'} added${
      p.replaced ? `, ${p.replaced} replaced` : ''
    }${p.removed ? `; ${p.removed} the file no longer holds ${p.removed === 1 ? 'was' : 'were'} removed` : ''}.${p.issues ? `\n${p.issues}` : ''}`,
  uploadNoFolder: (p) => `Cannot save uploads: the first path in CORPUS_PATHS (${p}) is not a folder.`,
  uploadIdTaken: (id, file, n) =>
    `The file was not added: the id <code>${id}</code> already belongs to <code>${file}</code>${n > 1 ? ` (and ${n - 1} more ${n === 2 ? 'id belongs' : 'ids belong'} to other files)` : ''}. Give the statements ids of their own. Nothing was changed.`,
  removeUsage: 'Put the id after the command: <code>/remove id</code> (a statement’s id is its file path in the corpus, or its JSON Lines id).',
  removed: (id, moved) => `🗑 <code>${id}</code> is removed from the index.${moved ? ` Its file was moved to <code>${moved}</code> (move it back and /reindex to undo).` : ''}`,
  removedLine: (id, file, kept) =>
    `🗑 <code>${id}</code> is removed from the index and from <code>${file}</code> (the file’s other statements stay).${kept ? ` The line was kept in <code>${kept}</code>.` : ''}`,
  removeOutsideFolders: (file) =>
    `Nothing was changed: the statement comes from <code>${file}</code>, which is named directly in CORPUS_PATHS rather than found in a corpus folder. Take it out of that file, then /reindex.`,
  removeUnknown: (id) => `There is no statement with id <code>${id}</code>. Nothing was changed.`,
  refused: (r) => `Nothing was changed: ${r}`,
  reindexRefused: (r) => `❌ The re-index was not done: ${r}`,
  storageFailed: (place, code) =>
    `❌ Nothing was changed: ${
      code === 'ENOSPC' || code === 'EDQUOT'
        ? `the disk holding <code>${place}</code> is full. Free some space, then try again.`
        : code === 'EROFS'
          ? `<code>${place}</code> is on a read-only file system. Make it writable, or point the setting at a writable folder.`
          : code === 'EACCES' || code === 'EPERM'
            ? `the bot may not write to <code>${place}</code>. Give it write access, or point the setting at another folder.`
            : `<code>${place}</code> could not be written (${code}).`
    }`,
  inlineNoAnswer: 'The statements do not answer this',
  inlineHelp: 'How to ask',
  duration: (ms) => duration(ms, ['d', 'h', 'min', 's']),
};

function duration(ms: number, units: [string, string, string, string]): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts: string[] = [];
  if (d) parts.push(`${d} ${units[0]}`);
  if (h) parts.push(`${h} ${units[1]}`);
  if (m && !d) parts.push(`${m} ${units[2]}`);
  if (!d && !h) parts.push(`${s % 60} ${units[3]}`);
  return parts.join(' ');
}

export const MESSAGES: Record<Lang, Messages> = { sv, en };

export function t(lang: Lang): Messages {
  return MESSAGES[lang];
}

/** Commands shown in Telegram's menu, per language. */
export const COMMANDS: Record<Lang, { command: string; description: string }[]> = {
  sv: [
    { command: 'help', description: 'Vad jag kan och exempelfrågor' },
    { command: 'verify', description: 'Kontrollera ett citat: /verify Namn: citat' },
  ],
  en: [
    { command: 'help', description: 'What I can do, with example questions' },
    { command: 'verify', description: 'Check a quote: /verify Name: quote' },
  ],
};
