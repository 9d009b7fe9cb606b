import { describe, expect, it } from 'vitest';
import { analyzeQuestion, askedNoun, askedVerb, asksDoer, coreQuestion, doerKind, eventKinds, questionChoices, questionTypes, setApartWords, strandedPreposition } from '../../src/answer/question.js';

/** The analysis of `q`, its language told by its look (an English question starts with a capitalised English word). */
const analyze = (q: string) => analyzeQuestion(q, /^[A-Z][a-z]+ /.test(q) && !/[åäö]/i.test(q) ? 'en' : 'sv', null);

describe('what a question asks for', () => {
  it.each([
    ['How many are remanded?', ['count']],
    ['Hur gammal var föraren?', ['age']],
    ['how fast was the driver going?', ['speed']],
    ['How fast did the police get there?', ['duration', 'time']], // "how fast did" + a motion verb: how long it took
    ['How much was the fine?', ['money', 'quantity']],
    ['Hur mycket diesel försvann?', ['quantity', 'money', 'count']],
    ['What blood alcohol level did he have?', ['alcohol']],
    ['När ingick staden avtalet?', ['time', 'date']],
    // A period asked for is a when ("Inbrottet skedde någon gång mellan kvällen den 8 november och morgonen den 9 november").
    ['Under vilken period skedde stölden?', ['time', 'date']],
    // A street question wants a street or road, not any place ("sjukhus").
    ['Which street was closed?', ['street']],
    ['På vilken väg krockade bilarna?', ['street']],
    ['Vilka stadsdelar omfattas?', ['place', 'street']],
    ['Vem sade det?', ['person', 'role', 'organisation']],
    ['Which company sent the text message?', ['organisation', 'role', 'person']],
    ['What colour was the car?', ['colour']],
    // A verb in -ing after "what was" asks for its object (notice 458936: "Han bar då på en kniv …"); a noun in
    // -ing after an article, and "doing", ask what happened.
    ['What was the man carrying when the patrol stopped him?', ['object', 'vehicle']],
    ['What was the shooting about?', ['event']],
    ['What were the youths doing in the park?', ['event']],
    ['Vilket djur kolliderade bilen med?', ['animal']],
    ['What kind of animal was hit?', ['animal']],
    ['What is the driver suspected of?', ['offence']],
    ['Vilken anmälan skrevs?', ['offence']],
    ['Varför stoppades bilen?', ['cause', 'offence']],
    ['What caused the fire?', ['cause', 'offence']],
    ['What made the car leave the road?', ['cause', 'offence']],
    ['What is believed to have caused the fire?', ['cause', 'offence']],
    ['Vad låg bakom smällen?', ['cause', 'offence']],
    // A modal of likelihood inside the cue ("Polisen ska utreda hur olyckan gått till, men det kan röra sig om
    // sjukdomsfall", notice 486360), and the motive ("motivet till hotet ska vara oklart", notice 577762).
    ['What might have caused the accident?', ['cause', 'offence']],
    ['What do police think may have caused the accident?', ['cause', 'offence']],
    ['Vad kan ha orsakat olyckan?', ['cause', 'offence']],
    ['Vad var motivet bakom hotet?', ['cause', 'offence']],
    ['What was the motive for the threat?', ['cause', 'offence']],
    ['How tall is the missing boy?', ['quantity', 'money', 'count']],
    ['Hur lång är mannen som söks?', ['quantity', 'money', 'count']],
    ['Hur lång tid tog det?', ['duration', 'time']],
    ['Hur flydde rånarna?', ['vehicle']],
    ['How did the two men who robbed him get away?', ['vehicle']],
    ['Hur gammal var mannen som flydde?', ['age']],
    ['Vad hände i Kävlinge?', ['event']],
    // A cue word in a clause after the opening counts only after a bare "what".
    ['When did the helicopter arrive for the man who hurt his arm?', ['time', 'date']],
    ['Var hittades mannen som misstänks för stölden?', ['place', 'street']],
    ['What is the woman who rode the train without a ticket suspected of?', ['offence']],
    // A direction asks for a place: "De springer sedan i riktning mot Järntorget." (notice 575980).
    ['Which way did the robbers run?', ['place', 'street']],
    ['Åt vilket håll försvann bilen?', ['place', 'street']],
    // "var" as a verb and "när" or "who" inside the question are not its question word.
    ['Hur stor var skadan?', []],
    ['Vad var hastigheten?', ['speed']],
    // A fee is an amount ("Aktuellt företag får betala en sanktionsavgift på 85 000 kronor", notice 557007), and what a
    // breath test shows an alcohol level ("När han gör ett utandningsprov visar mätaren 2,6 promille", notice 627774).
    ['Hur stor sanktionsavgift fick företaget betala?', ['money', 'quantity']],
    ['How high was the penalty the haulier got?', ['money', 'quantity']],
    ['How high was the reading of the breath test?', ['alcohol']],
    // One word may qualify the noun of a which-cue.
    ['Which specialist unit was called in?', ['organisation', 'role', 'person']],
    // "Vilka" before a noun that names no person asks about that thing; before a verb or a person, who.
    ['Vilka hundar hade mannen med sig?', []],
    ['Vilka greps?', ['person', 'role', 'organisation']],
    ['Vilka tog ner mannen?', ['person', 'role', 'organisation']],
    ['During what period did the thefts happen?', ['time', 'date']],
    ['Vilka poliser var på plats?', ['person', 'role', 'organisation']],
    // A passive verb right after the question word asks for the thing it happened to; a passive of doing does not.
    ['What got nicked from the garage?', ['object', 'vehicle']],
    ['What was damaged in the fire?', ['object', 'vehicle']],
    ['Vad har förstörts vid branden?', ['object', 'vehicle']],
    ['Vad gjordes för att stoppa honom?', []],
    // "vad var det för fordon": what kind of vehicle.
    ['Vad var det för fordon som körde in i portalen?', ['vehicle']],
    // An embedded question: "vad som" is "vad".
    ['Vad är polisens bedömning av vad som orsakade branden?', ['cause', 'offence']],
    ['Vet ni vad som hände i Kävlinge?', ['event']],
    ['Vem var föraren?', ['person', 'role', 'organisation']],
    // A bare question word takes its kind from a noun of the main clause that names one (TYPE_NOUNS), a
    // Swedish compound by its head; not from a noun in a clause that only sets the scene.
    ['Hur högt alkoholvärde hade föraren?', ['alcohol']],
    ['How big was the fine the driver got?', ['money', 'quantity']],
    ['Vad blev bötesbeloppet?', ['money', 'quantity']],
    ['What was the weight of the seized cannabis?', ['quantity', 'money', 'count']],
    ['How heavy was the stolen wheel loader?', ['quantity', 'money', 'count']],
    // A distance or height asked for is a quantity ("föll ca 6 meter").
    ['How far did the man fall?', ['quantity', 'money', 'count']],
    ['Hur djupt var vattnet där bilen körde ner?', ['quantity', 'money', 'count']],
    ['What happened after the man was given a fine?', ['event']],
    ['Vad hände med bilen som körde i hög hastighet?', ['event']],
    ['Hur gammal var mannen när han greps?', ['age']],
    // Who got hurt is a person; whether anyone was, and how badly, is the injury.
    ['Who got hurt in the crash on the E4?', ['person', 'role', 'organisation']],
    ['Was anyone hurt in the crash?', ['injury']],
    ['How badly hurt was the cyclist?', ['injury']],
    ['How old was the man who was arrested?', ['age']],
  ])('%s → %j', (q, types) => {
    expect(questionTypes(q).types).toEqual(types);
  });

  // An offence says why someone is suspected, arrested or fined, not why something happened.
  it.each([
    ['Varför greps mannen i Partille?', ['cause', 'offence']],
    ['Why was the driver fined?', ['cause', 'offence']],
    ['Varför misstänks kvinnan för brott?', ['cause', 'offence']],
    ['Varför knivskars pojken?', ['cause']],
    // A bare how before a verb of coming about asks why, with any words between.
    ['How did the fire in the block of flats on the main street start?', ['cause']],
    ['Hur uppstod branden i lägenheten?', ['cause']],
    ['Why did the man hit his wife?', ['cause']],
    // What one drives or rides is first a vehicle; what one drove into is a thing.
    ['What was the boy driving when the police stopped him?', ['vehicle', 'object']],
    ['Vad körde bilen in i?', []],
    // A "vad" whose verb frame takes a thing asks for it (THING_FRAMES): what was taken, lost, thrown. Asked of
    // notices 577760 ("… ska ha tilltvingat sig en klocka och en halskedja") and 619792 ("… blir en kvinna bestulen
    // på kontanter"). Not when the frame is in a clause of its own.
    ['Vad fick gärningspersonerna med sig?', ['object']],
    ['Vad blev kvinnan vid livsmedelsbutiken av med?', ['object']],
    ['vad blev stulet vid inbrottet?', ['object']],
    ['Vad var det kvinnan slängde?', ['object']],
    ['Vad hände när mannen blev av med bilen?', ['event']],
    // What a thing named by a word that says nothing of what turned out to be (asked of notice 610108: "NBS har
    // undersökt föremålet vilket bedöms vara en skarp handgranat").
    ['Vad var det misstänkta föremålet som hittades vid skolan?', ['object']],
    ['What was the suspicious object found by the school?', ['object']],
    ['What was the man suspected of?', ['offence']],
  ])('%s → %j', (q, types) => {
    expect(analyze(q).types).toEqual(types);
  });

  it('reads a yes/no question about harm as one about injuries', () => {
    const a = analyzeQuestion('Was anyone hurt in the crash?', 'en', null);
    expect(a.yesNo).toBe(true);
    expect(a.types).toEqual(['injury']);
  });
});

describe('kinds of event a question names', () => {
  it.each([
    ['Vad stals vid rånet i Malmö?', ['robbery', 'theft']], // "stals" speaks of a theft too
    ['What happened in the robbery?', ['robbery']],
    ['Hur många skadades i skottlossningen?', ['shooting']],
    ['Vad hände vid garageinbrottet?', ['burglary']],
    ['Who died in the fire?', ['fire']],
    ['Varför knivhöggs mannen?', ['assault']], // "högg": the past of (kniv)hugga
    // A name that starts like an event word is a name: "Knivsta", "Hästskovägen".
    ['Vad hände i Knivsta?', []],
    ['Vad hände på Hästskovägen?', []],
    // Words that name a kind only in some senses name none: a car "smashed into a house" crashed.
    ['How many were in the car that smashed into a house?', []],
    ['Was the car damaged in the crash?', ['traffic accident']],
    // "wanted" in a question is mostly the verb ("what they wanted to sell"), not "efterlyst".
    ['What did the two men say they wanted to sell at the door?', []],
    ['When did the woman go missing?', ['missing person']],
    // … and so does "slog": notice 634361 "Vid olyckan skadade cyklisten ett ben och slog i huvudet."
    ['Vid olyckan skadade cyklisten ett ben och slog i huvudet.', ['traffic accident']],
  ])('%s → %j', (q, kinds) => {
    expect(eventKinds(q).map((e) => e.kind)).toEqual(kinds);
  });
});

describe('the noun an open question asks about', () => {
  it.each([
    ['Vilket däck var sönderskuret?', 'däck'],
    ['Which door did they break?', 'door'],
    // A word of kind asks about the noun it qualifies.
    ['Vilket slags vapen hittade polisen?', 'vapen'],
    ['What kind of knife did he carry?', 'knife'],
    ['Vilken typ av båt stals?', 'båt'],
    ['Vilken sorts?', null],
    ['What happened?', null],
    ['Who did it?', null],
  ])('%s → %s', (q, noun) => {
    expect(askedNoun(q)).toBe(noun);
  });
});

describe('who did something', () => {
  it.each([
    ['Vem krossade balkongfönstren?', true],
    ['vem var det som sköt 20-åringen?', true],
    ['Who pushed the man off the balcony?', true],
    ['Who called the police?', true],
    // A passive, a copula or a verb of suffering asks who it happened to or who someone is.
    ['Vem greps?', false],
    ['Vem var föraren?', false],
    ['Who was hurt?', false],
    ['Vem var det som omkom i olyckan?', false],
  ])('%s → %s', (q, doer) => {
    expect(asksDoer(q)).toBe(doer);
  });
});

describe('the noun of a which-place question', () => {
  it.each([
    ['Which hospital was the woman taken to?', 'hospital'],
    ['Vilken skola gick pojken på?', 'skola'],
    // A way asked is a direction, not a kind of place.
    ['Which way did the attackers run?', null],
    ['Where was the woman found?', null],
  ])('%s → %s', (q, noun) => {
    expect(analyze(q).placeNoun).toBe(noun);
  });
});

describe('whose age', () => {
  it.each([
    ['how old was the guy who robbed a teenage boy of his e-scooter?', 'doer'],
    ['how old were the 4 guys who got arrested for the robbery?', 'doer'],
    ['Hur gammal är den gripne mannen?', 'doer'],
    ['Hur gammal var mannen som blev slagen och nedstampad?', 'sufferer'],
    ['How old was the man who was robbed?', 'sufferer'],
    ['Hur gammal var kvinnan som rånades?', 'sufferer'],
    // Neither, or both (the suspects remanded and the man attacked): no side taken.
    ['How old was the cyclist?', null],
    ['How old are the two remanded after a man was attacked in his home?', null],
  ])('%s → %s', (q, role) => {
    expect(analyze(q).agedRole).toBe(role);
  });
});

describe('what kind of doer', () => {
  it.each([
    // Reporting, finding or helping: its doer may be one who reports or responds.
    ['Vem larmade polisen om branden?', 'report'],
    ['Who managed to put out the fire?', 'report'],
    ['Who found the missing woman?', 'report'],
    ['Vem grep mannen?', 'police'],
    ['Who did police arrest after the robbery?', null],
    ['Vem krossade rutan?', 'deed'],
    ['Who knifed the man in the underpass?', 'deed'],
    ['Vem låg bakom explosionen vid porten?', 'deed'],
    ['Who was behind the explosion?', 'deed'],
    ['Vem greps?', null],
    ['Vilka höll fast inbrottstjuvarna?', 'other'],
    ['Vilka greps?', null],
    ['Vilka var inblandade?', null],
  ])('%s → %s', (q, kind) => {
    expect(doerKind(q)).toBe(kind);
  });
  it.each([
    ['Who managed to stop the car?', 'stop'],
    ['Vem släckte branden?', 'släckte'],
    ['Vem låg bakom explosionen vid porten?', 'bakom'],
    ['Vem greps?', null],
  ])('the verb of %s → %s', (q, verb) => {
    expect(analyzeQuestion(q, /^(?:who|which)/i.test(q) ? 'en' : 'sv', null).doerVerb).toBe(verb);
  });
});

describe('the choices a question ends on', () => {
  it.each([
    ['Vem greps efter explosionen, var det en man eller en kvinna?', [['man'], ['kvinna']]],
    ['Vem omkom i olyckan – lastbilsföraren eller någon i personbilen?', [['lastbilsföraren'], ['personbilen']]],
    ['Who died – the motorcyclist or the wheel loader driver?', [['motorcyclist'], ['wheel', 'loader', 'driver']]],
    // A yes/no question with "or", and figures, offer no choice of words.
    ['Was the driver drunk or tired?', null],
    ['Hur många greps, en eller två?', null],
  ])('%s → %j', (q, choices) => {
    expect(questionChoices(q)).toEqual(choices);
  });
});

describe('what a question sets apart', () => {
  it.each([
    ['Apart from the phone, what else did the robbers take?', 'what did the robbers take?', ['phone']],
    ['Förutom körkortet, vad tog polisen från föraren?', 'vad tog polisen från föraren?', ['körkortet']],
    ['Vad mer misstänks mannen för, utöver misshandeln?', 'Vad misstänks mannen för, utöver misshandeln?', ['misshandeln']],
    ['Who else was arrested besides the driver?', 'Who was arrested besides the driver?', ['driver']],
    // Nothing set apart: the question as it is.
    ['Vad stals vid inbrottet?', 'Vad stals vid inbrottet?', []],
  ])('%s', (q, core, apart) => {
    expect(coreQuestion(q)).toBe(core);
    expect(setApartWords(q)).toEqual(apart);
  });
  it('reads the grammar on the core: "what else did cops find" asks for what was found', () => {
    const a = analyzeQuestion('Apart from drugs, what else did cops find in the car?', 'en', null);
    expect(a.askedVerb).toBe('find');
    expect(a.setApart).toEqual(['drugs']);
  });
});

describe('the verb whose thing a what-question asks for', () => {
  it.each([
    ['Vad körde bilen in i?', 'körde'],
    ['vad var det som började brinna vid skolan?', 'började'],
    ['Vad har polisen hittat i bilen?', 'hittat'],
    ['What did the man threaten them with?', 'threaten'],
    ['What did the driver hit on the E4?', 'hit'],
    // The noun asked between "what" and "did"; the supine after a later "ha"; a past tense after a bare "what", and
    // after a cleft "what was it that".
    ['What machine did the thieves use to break through the wall?', 'use'],
    ['Vad ska kvinnan som greps för rånet vid stationen i går ha tagit från mannen?', 'tagit'],
    ['What caught fire in the garage?', 'caught'],
    ['What was it that exploded at the entrance?', 'exploded'],
    // A copula or no verb: nothing.
    ['Vad var orsaken?', null],
    ['What was the reason?', null],
    ['Vem körde bilen?', null],
  ])('%s → %s', (q, verb) => {
    expect(askedVerb(q)).toBe(verb);
  });
});

describe('a preposition a question leaves standing', () => {
  it.each([
    // In a relative clause the preposition is that clause's: the question asks what the object turned out to be.
    ['Vad visade sig pistolen vara som tre pojkar lekt med på Blåkullavägen?', []],
    ['Vad krockade elsparkcykeln med på Storgatan?', ['med']],
    ['What did he threaten them with?', ['med']],
    ['What did the car crash into on the E4?', ['in i', 'mot', 'med', 'på']],
    ['Vad åkte hon på när hon blev påkörd?', ['på']], // before a clause of its own
    // A preposition with its own object is not left standing.
    ['Vad hände med bilen?', []],
    ['What happened in Malmö on 3 May?', []],
    ['Vad hände i Kävlinge i lördags?', []],
  ])('%s → %j', (q, preps) => {
    expect(strandedPreposition(q)).toEqual(preps);
  });
});

describe('what a question says of its answer besides its types', () => {
  // One row a question: the analysis field, and its value.
  it.each([
    // a direction: a place gone toward answers
    ['Åt vilket håll sprang de?', 'direction', true],
    ['Which way did the robbers run?', 'direction', true],
    ['Var hittades bilen?', 'direction', false],
    // a clock time ('day': the time of day, a part of the day answers)
    ['Vilken tid rånades pojken?', 'clock', true],
    ['At what time were the shots fired?', 'clock', true],
    ['När rånades pojken?', 'clock', false],
    ['When were the shots fired?', 'clock', false],
    ['At what time of day was she last seen?', 'clock', 'day'],
    ['Vid vilken tid på dagen sågs hon senast?', 'clock', 'day'],
    // the care of the hurt: only then do "med ambulans", "till sjukhuset" answer
    ['Vilket sjukhus fördes kvinnan till?', 'care', true],
    ['Where was the injured cyclist taken?', 'care', true],
    ['How was she brought to hospital?', 'care', true],
    ['Vilket vapen användes?', 'care', false],
    ['Where did the crash happen?', 'care', false],
    // what is still to come: only a sentence about it gives the time
    ['When will the police open a new station?', 'future', true],
    ['När kommer polisen att öppna stationen?', 'future', true],
    ['When did the police open the station?', 'future', false],
    ['Vad ska kvinnan ha tagit?', 'future', false],
    // where someone went: what follows "till" answers
    ['Vart tog mannen vägen?', 'destination', true],
    ['Where did the suspects flee?', 'destination', true],
    ['Where was the woman taken?', 'destination', true],
    ['Where did the crash happen?', 'destination', false],
    ['Var hittades kvinnan?', 'destination', false],
    // "went missing" is no going somewhere.
    ['Where was the woman who went missing found?', 'destination', false],
    // what something turned out to be: the phrase after a copula answers
    ['Vad visade sig föremålet vara?', 'identity', true],
    ['What did the gun-like object turn out to be?', 'identity', true],
    ['Vad hittades i bilen?', 'identity', false],
    // who someone claimed to be: a role or a body
    ['Vem utgav sig bedragaren för att vara?', 'claimed', true],
    ['Who did the caller claim to be?', 'claimed', true],
    ['Vem ringde kvinnan?', 'claimed', false],
    // whose age: the person right after "gammal/old"
    ['Hur gammal var kvinnan som hittades död?', 'sex', 'female'],
    ['hur gammal var snubben som slog en kvinna?', 'sex', 'male'],
    ['How old was the boy who was robbed?', 'sex', 'male'],
    ['How old was the driver who hit a woman?', 'sex', null],
  ] as const)('%s → %s %s', (q, field, value) => {
    expect(analyze(q)[field]).toBe(value);
  });
});

describe('who someone claimed to be', () => {
  it.each([
    ['Vem utgav sig bedragaren för att vara?', ['role', 'organisation', 'person']],
    ['Who did the caller claim to be?', ['role', 'organisation', 'person']],
    // The bare verb after "did" and a subject with its relative clause; not a past tense inside that clause.
    ['Who did the man who phoned the woman claim to be calling from?', ['role', 'organisation', 'person']],
    ['What did the man who claimed to be a police officer take?', ['object', 'vehicle']],
    // … or to represent a body, or said he worked for one.
    ['Who did the man who rang her say he worked for?', ['role', 'organisation', 'person']],
    ['Which company did the caller pretend to represent?', ['organisation', 'role', 'person']],
    ['Vilket kreditföretag utgav sig mannen för att komma från?', []], // the noun's phrase answers
  ])('%s → %j', (q, types) => {
    expect(analyze(q).types).toEqual(types);
  });
});
