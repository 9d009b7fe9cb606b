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

export function questionType(question: string): QuestionType {
  const q = ` ${question.toLowerCase()} `;
  for (const [type, re] of RULES) if (re.test(q)) return type;
  return 'other';
}
