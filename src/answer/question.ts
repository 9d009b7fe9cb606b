/** What kind of answer a question asks for, from its question words (Swedish and English). */
import type { QuestionType } from '../types.js';

const RULES: [QuestionType, RegExp][] = [
  ['how_old', /\b(how old|what age|at what age|hur gammal|hur gamla|vilken ålder|i vilken ålder)\b/i],
  ['how_many', /\b(how many|how much|hur många|hur mycket|number of|antal(?:et)?|what (?:blood )?(?:alcohol )?level|vilken promille)\b/i],
  ['when', /\b(when|what year|which year|what time|what date|när|vilket år|vilken dag|vilket datum|hur dags)\b/i],
  ['who', /\b(who|whom|whose|vem|vilka personer|vad heter|vems)\b/i],
  ['where', /\b(where|which (?:district|districts|area|areas|city|place|places|town)|var\s|vart|vilka (?:stadsdelar|områden|orter|platser)|vilken (?:stadsdel|ort|plats|stad|kommun))\b/i],
  ['why', /\b(why|varför|av vilken anledning|what was the reason)\b/i],
  ['what', /\b(what|which|vad|vilken|vilket|vilka)\b/i],
];

/**
 * The type whose question words come first: "What were the road conditions when …" asks what, not when.
 * Among matches at the same place the more specific rule (listed first) wins.
 */
export function questionType(question: string): QuestionType {
  const q = ` ${question.toLowerCase()} `;
  let best: { type: QuestionType; at: number } | null = null;
  for (const [type, re] of RULES) {
    const m = re.exec(q);
    if (m && (!best || m.index < best.at)) best = { type, at: m.index };
  }
  return best?.type ?? 'other';
}
