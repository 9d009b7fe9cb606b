// Page templates for scripts/measure-extractors.ts.
/** Page templates of sites the HTML loader has no rules for, each wrapping a known body in that kind of site's chrome. */
export interface Body { title: string; preamble: string; paragraphs: string[] }
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const ps = (xs: string[]) => xs.map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`).join('\n');
const nav = `<nav class="main-nav"><ul><li><a href="/">Start</a></li><li><a href="/nyheter">Nyheter</a></li><li><a href="/om">Om oss</a></li><li><a href="/kontakt">Kontakt</a></li></ul></nav>`;
const cookie = `<div id="cookie-banner" class="cookie-consent"><p>Vi använder kakor för att förbättra webbplatsen.</p><button>Godkänn alla kakor</button></div>`;
const footer = `<footer class="site-footer"><p>Box 123, 100 00 Stockholm</p><p>Telefon 010-123 45 67</p><a href="/tillganglighet">Tillgänglighetsredogörelse</a></footer>`;
const related = (others: string[]) => `<div class="related-news"><h2>Fler nyheter</h2><ul>${others.map((o, i) => `<li><a href="/n/${i}">${esc(o)}</a><span class="date">2${i} mars 2026</span></li>`).join('')}</ul></div>`;

export const TEMPLATES: Record<string, (b: Body, others: string[]) => string> = {
  // A press-release platform: the release in <article>, its contacts, "about" and topics inside it too.
  newsroom: (b, o) => `<!doctype html><html lang="sv"><head><title>${esc(b.title)} | Nyhetsrum</title><meta property="og:title" content="${esc(b.title)}"></head><body>
${cookie}<header class="site-header"><a href="/">Nyhetsrum</a>${nav}</header>
<main><article class="press-release"><h1>${esc(b.title)}</h1><time datetime="2026-03-21T10:00:00+01:00">21 mars 2026 10:00</time>
<p class="lead"><strong>${esc(b.preamble)}</strong></p><div class="body">${ps(b.paragraphs)}</div>
<section class="contacts"><h2>Kontakter</h2><div class="contact"><p>Anna Andersson</p><p>Presschef</p><p>anna.andersson@example.se</p><p>070-123 45 67</p></div></section>
<section class="boilerplate"><h2>Om Exempelregionen</h2><p>Exempelregionen ansvarar för hälso- och sjukvård och kollektivtrafik för 1,4 miljoner invånare.</p></section>
<div class="tags"><h3>Ämnen</h3><a>Trafik</a> <a>Säkerhet</a></div></article>
<aside>${related(o)}</aside></main>${footer}</body></html>`,
  // A ministry page: breadcrumbs, publish line, share links and a "read more" list inside <main>.
  ministry: (b, o) => `<!doctype html><html lang="sv"><head><title>${esc(b.title)} - Departementet</title></head><body>
<a class="skip-link" href="#content">Gå direkt till innehåll</a><header>${nav}</header>
<main id="content"><ol class="breadcrumbs"><li>Start</li><li>Pressmeddelanden</li></ol><h1>${esc(b.title)}</h1>
<p class="published">Publicerad 21 mars 2026</p><div class="ingress"><p>${esc(b.preamble)}</p></div>${ps(b.paragraphs)}
<div class="contact-block"><h2>Kontakt</h2><p>Pressekreterare Karl Karlsson</p><p>Telefon 072-000 00 00</p></div>
<div class="share"><a>Dela på Facebook</a><a>Dela på LinkedIn</a></div>
<div class="read-more"><h2>Läs mer</h2><ul>${o.slice(0, 3).map((x) => `<li><a>${esc(x)}</a></li>`).join('')}</ul></div></main>${footer}</body></html>`,
  // A wire service page with neither <article> nor <main>: the release in nested divs beside a list of releases.
  wire: (b, o) => `<!doctype html><html><head><title>${esc(b.title)}</title></head><body>${cookie}
<div id="top"><div class="logo">Nyhetsbyrån</div><div class="menu"><a>Nyheter</a> <a>Bolag</a> <a>Logga in</a></div></div>
<div class="wrapper"><div class="col-left"><div class="release"><h1>${esc(b.title)}</h1><div class="meta">Tis, mar 21, 2026 10:00 CET</div>
<div class="release-body"><p><b>${esc(b.preamble)}</b></p>${ps(b.paragraphs)}</div>
<div class="release-footer"><p>Denna information lämnades för offentliggörande 21 mars 2026.</p><p>Följande filer finns för nedladdning:</p><ul><li>pressbild.jpg</li></ul></div></div></div>
<div class="col-right"><h3>Senaste pressmeddelanden</h3>${o.map((x) => `<div class="item"><a>${esc(x)}</a></div>`).join('')}</div></div>
<div id="bottom"><p>© 2026 Nyhetsbyrån AB</p></div></body></html>`,
  // A municipality site on a portal CMS: divs with portlet classes, the left menu in the same column as the text.
  municipality: (b, o) => `<!doctype html><html lang="sv"><head><title>${esc(b.title)} - Exempels kommun</title></head><body>
<div class="sv-layout" id="svid10_1"><div class="sv-layout header">${nav}<div class="search"><input type="text"><button>Sök</button></div></div>
<div class="sv-layout sv-column-3"><div class="sv-portlet sv-text-portlet"><ul class="sub-menu"><li><a>Nyheter</a></li><li><a>Kommunfullmäktige</a></li><li><a>Bygga och bo</a></li><li><a>Utbildning</a></li></ul></div></div>
<div class="sv-layout sv-column-9"><div class="sv-text-portlet"><h1 class="heading">${esc(b.title)}</h1></div>
<div class="sv-text-portlet"><p class="normal">${esc(b.preamble)}</p></div><div class="sv-text-portlet">${ps(b.paragraphs)}</div>
<div class="sv-text-portlet"><p class="publish-info">Sidan publicerades 21 mars 2026</p><p>Kontakt: kommunikation@exempel.se</p></div></div></div>
${footer}</body></html>`,
  // A blog-style news site: the post in <article>, then share buttons, related posts and comments.
  blog: (b, o) => `<!doctype html><html lang="sv"><head><title>${esc(b.title)} – Lokalnytt</title></head><body>
<header class="site-header"><h2 class="site-title">Lokalnytt</h2>${nav}</header><div id="content">
<article class="post"><header class="entry-header"><h1 class="entry-title">${esc(b.title)}</h1><span class="posted-on">21 mars 2026</span></header>
<div class="entry-content"><p>${esc(b.preamble)}</p>${ps(b.paragraphs)}<p>Annons:</p><div class="sharedaddy"><h3>Dela detta:</h3><a>Facebook</a><a>X</a></div></div>
<footer class="entry-footer">Publicerat i Blåljus</footer></article>
<div class="jp-relatedposts"><h3>Relaterat</h3>${o.slice(0, 3).map((x) => `<div><h4><a>${esc(x)}</a></h4><p>I "Blåljus"</p></div>`).join('')}</div>
<div id="comments"><h3>2 reaktioner</h3><ol class="comment-list"><li><p>Hemskt att läsa om detta, hoppas alla mår bra.</p></li><li><p>Tack för informationen!</p></li></ol></div></div>${footer}</body></html>`,
  // A page whose <main> holds the text and a "latest news" teaser list.
  portal: (b, o) => `<!doctype html><html lang="sv"><head><title>${esc(b.title)}</title></head><body>${cookie}<header>${nav}</header>
<main><div class="page"><div class="content"><h1>${esc(b.title)}</h1><p class="intro">${esc(b.preamble)}</p>${ps(b.paragraphs)}</div>
<div class="teasers"><h2>Senaste nytt</h2>${o.map((x) => `<div class="teaser"><h3>${esc(x)}</h3><p>Läs mer om ${esc(x.toLowerCase())}.</p></div>`).join('')}</div></div></main>${footer}</body></html>`,
};
