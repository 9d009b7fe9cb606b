/**
 * The bot's words about follows and alerts, in Swedish and English. HTML for Telegram's parse mode: values are
 * escaped by the caller, numbers excepted. Nothing here stands in for what a statement says.
 */
import type { Lang } from '../types.js';

export interface FollowMessages {
  usage: string;
  added: (words: string, count: number, limit: number) => string;
  exists: (words: string, n: number) => string;
  limit: (limit: number) => string;
  tooLong: (max: number) => string;
  none: string;
  list: (items: string[], count: number, limit: number) => string;
  unfollowUsage: string;
  unfollowMissing: (n: string, count: number) => string;
  unfollowed: (words: string) => string;
  alertHeader: (words: string) => string;
  alertFooter: string;
}

const en: FollowMessages = {
  usage: 'Send /follow and the words of a topic, for example <code>/follow skottlossning Rinkeby</code> or <code>/follow Kävlinge</code>. When a new statement answers them, you get the cited sentence and its link.',
  added: (w, n, max) => `Following “${w}” (${n} of ${max}). When a new or updated statement answers it, you get the cited sentence here. /following lists your follows.`,
  exists: (w, n) => `You already follow “${w}” (number ${n} in /following).`,
  limit: (max) => `This chat follows ${max} topics, the most it may. Remove one first with /unfollow and its number from /following.`,
  tooLong: (max) => `That is too long to follow (at most ${max} characters). Use a few words, such as a place and what happened.`,
  none: 'This chat follows nothing yet. Start with /follow and a few words, for example <code>/follow Kävlinge</code>.',
  list: (items, n, max) => `This chat follows (${n} of ${max}):\n${items.join('\n')}\n\nStop one with /unfollow and its number.`,
  unfollowUsage: 'Send /unfollow and the number of the follow from /following, for example <code>/unfollow 2</code>.',
  unfollowMissing: (x, n) => (n === 0 ? `There is no follow number ${x}: this chat follows nothing.` : `There is no follow number ${x}; /following lists numbers 1 to ${n}.`),
  unfollowed: (w) => `Stopped following “${w}”.`,
  alertHeader: (w) => `🔔 <b>New statement on “${w}”</b>`,
  alertFooter: '/following shows what this chat follows; /unfollow N stops one.',
};

const sv: FollowMessages = {
  usage: 'Skicka /follow och orden för ett ämne, till exempel <code>/follow skottlossning Rinkeby</code> eller <code>/follow Kävlinge</code>. När ett nytt uttalande svarar på dem får du den citerade meningen och länken.',
  added: (w, n, max) => `Du följer nu ”${w}” (${n} av ${max}). När ett nytt eller uppdaterat uttalande svarar på det får du den citerade meningen här. /following visar vad du följer.`,
  exists: (w, n) => `Du följer redan ”${w}” (nummer ${n} i /following).`,
  limit: (max) => `Den här chatten följer ${max} ämnen, så många som går. Ta först bort ett med /unfollow och dess nummer från /following.`,
  tooLong: (max) => `Det är för långt för att följa (högst ${max} tecken). Använd några ord, till exempel en plats och vad som hänt.`,
  none: 'Den här chatten följer inget ännu. Börja med /follow och några ord, till exempel <code>/follow Kävlinge</code>.',
  list: (items, n, max) => `Den här chatten följer (${n} av ${max}):\n${items.join('\n')}\n\nSluta följa ett med /unfollow och dess nummer.`,
  unfollowUsage: 'Skicka /unfollow och numret från /following, till exempel <code>/unfollow 2</code>.',
  unfollowMissing: (x, n) => (n === 0 ? `Det finns inget nummer ${x}: chatten följer inget.` : `Det finns inget nummer ${x}; /following visar nummer 1 till ${n}.`),
  unfollowed: (w) => `Du följer inte längre ”${w}”.`,
  alertHeader: (w) => `🔔 <b>Nytt uttalande om ”${w}”</b>`,
  alertFooter: '/following visar vad chatten följer; /unfollow N slutar följa ett.',
};

export function followMessages(lang: Lang): FollowMessages {
  return lang === 'sv' ? sv : en;
}
