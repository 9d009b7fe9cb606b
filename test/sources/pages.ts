/** Pages in polisen.se's event layout, for events whose real pages are not recorded (the markup of ../shared's pages, trimmed). */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function polisenEventPage(p: { title: string; preamble: string; paragraphs: string[]; publisher: string; published: string }): string {
  return `<!DOCTYPE html>
<html lang="sv" id="Polisen">
<head><meta charset="utf-8" /><title>${esc(p.title)} | Polismyndigheten</title></head>
<body>
<header><nav><a href="/">Startsida</a></nav></header>
<ul class='breadcrumbs hidden-print'><li><a href='/'>Startsida</a> /</li><li>${esc(p.title)}</li></ul>
<div class="event-page editorial-content">
  <h1>${esc(p.title)}</h1>
  <p class="preamble">${esc(p.preamble)}</p>
  <div class="event-content">
    <div class="text-body editorial-html">
${p.paragraphs.map((x) => `      <p>${esc(x)}</p>`).join('\n')}
    </div>
    <div class="meta-data-container">
      <div class="published-container">Text av<br /><span>${esc(p.publisher)}</span></div>
      <div class="published-container">Publicerad<br /><span class="date">${esc(p.published)}</span></div>
    </div>
  </div>
  <div class="block blue-line"><span>Händelsenotiserna ger kortfattad information om ett urval av de utryckningar som polisen gör. Observera att det är inledande uppgifter som ligger till grund för notiserna.</span></div>
</div>
<footer><p>Polismyndigheten</p></footer>
</body>
</html>`;
}
