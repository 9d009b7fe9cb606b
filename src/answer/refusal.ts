/** Why the engine did not answer, as one plain sentence in the answer's language (the CLI and the bot show it). */
import type { Lang, Refusal } from '../types.js';
import { NATIONAL_SCOPES } from '../text/vocabulary.js';

export function refusalText(r: Refusal, lang: Lang): string {
  const d = r.detail;
  const sv = lang === 'sv';
  switch (r.code) {
    case 'no_question':
      return sv ? 'Frågan innehåller inga ord att söka på.' : 'The question holds no words to search for.';
    case 'place_not_matched':
      if (d && NATIONAL_SCOPES.includes(d.toLowerCase())) {
        return sv ? 'Uttalandena gäller enskilda orter och händelser, inte hela landet.' : 'The statements are about single places and events, not the whole country.';
      }
      return sv ? `Inget uttalande om det nämner ${d ?? 'platsen'}.` : `No statement about it names ${d ?? 'the place'}.`;
    case 'date_not_matched':
      return sv ? `Inget uttalande om det är från ${d ?? 'den dagen'}.` : `No statement about it is from ${d ?? 'that day'}.`;
    case 'nothing_that_recent':
      return sv ? `Inget uttalande är så nytt: det senaste är från ${d}.` : `No statement is that recent: the newest is from ${d}.`;
    case 'event_not_matched':
      return sv ? `Inget uttalande om ${d ?? 'den händelsen'} stämmer med frågan.` : `No statement about ${d ?? 'that event'} matches the question.`;
    case 'fact_not_present':
      return sv ? `Uttalandet säger inte det som frågas efter (${FACT_SV[d ?? ''] ?? d}).` : `The statement does not say what is asked (${FACT_EN[d ?? ''] ?? d}).`;
    case 'fact_unknown':
      return sv ? `Uttalandet säger att det inte är känt (${FACT_SV[d ?? ''] ?? d}).` : `The statement says it is not known (${FACT_EN[d ?? ''] ?? d}).`;
    case 'low_coverage':
      return sv ? `Uttalandena täcker inte frågan${d ? ` (${d})` : ''}.` : `The statements do not cover the question${d ? ` (${d})` : ''}.`;
  }
}

const FACT_SV: Record<string, string> = {
  count: 'ett antal', age: 'en ålder', speed: 'en hastighet', money: 'ett belopp', alcohol: 'en promillehalt', duration: 'en tidsrymd',
  quantity: 'en mängd', time: 'en tidpunkt', date: 'ett datum', street: 'en gata eller väg', place: 'en plats', person: 'en person',
  role: 'vem', organisation: 'en myndighet eller organisation', vehicle: 'ett fordon', colour: 'en färg', animal: 'ett djur', injury: 'skador',
  cause: 'en orsak', object: 'vad',
};
const FACT_EN: Record<string, string> = {
  count: 'a number', age: 'an age', speed: 'a speed', money: 'an amount', alcohol: 'an alcohol level', duration: 'a duration',
  quantity: 'a quantity', time: 'a time', date: 'a date', street: 'a street or road', place: 'a place', person: 'a person', role: 'who',
  organisation: 'an authority or organisation', vehicle: 'a vehicle', colour: 'a colour', animal: 'an animal', injury: 'injuries', cause: 'a reason',
  object: 'what',
};
