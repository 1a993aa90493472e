// Disegna i diagrammi mermaid della pagina quando entrano nella finestra, con il tema
// (chiaro o scuro) della tavolozza scelta; li ridisegna se la tavolozza cambia.
// mermaid è servito dal sito stesso (assets/vendor/mermaid), mai da un CDN.
const diagrammi = [...document.querySelectorAll(".diagramma")];
for (const d of diagrammi) d.dataset.sorgente = d.textContent;

let mermaid;
async function carica() {
  if (!mermaid) {
    const url = new URL("../vendor/mermaid/mermaid.esm.min.mjs", import.meta.url);
    mermaid = (await import(url)).default;
  }
  const scuro = document.body.getAttribute("data-md-color-scheme") === "slate";
  // Nel tema scuro le etichette delle frecce hanno testo #ccc su #585858 (4,43:1, sotto
  // il 4,5:1 richiesto): uno sfondo più scuro le porta a 7:1.
  mermaid.initialize({
    startOnLoad: false,
    theme: scuro ? "dark" : "default",
    themeVariables: scuro ? { edgeLabelBackground: "#3a3a3a" } : {},
  });
  return mermaid;
}

let contatore = 0;
async function disegna(d) {
  const m = await carica();
  const { svg } = await m.render(`diagramma-${contatore++}`, d.dataset.sorgente);
  d.innerHTML = svg;
  d.dataset.disegnato = "si";
}

const osservatore = new IntersectionObserver((voci) => {
  for (const voce of voci) {
    if (voce.isIntersecting) {
      osservatore.unobserve(voce.target);
      disegna(voce.target);
    }
  }
}, { rootMargin: "200px" });
for (const d of diagrammi) osservatore.observe(d);

new MutationObserver(() => {
  for (const d of diagrammi) if (d.dataset.disegnato) disegna(d);
}).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
