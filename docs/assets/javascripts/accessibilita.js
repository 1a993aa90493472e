// La finestra di ricerca del tema ha role="dialog" ma nessun nome accessibile:
// le diamo quello del suo campo («Cerca»), così un lettore di schermo la annuncia.
for (const dialog of document.querySelectorAll(".md-search[role=dialog]")) {
  const input = dialog.querySelector(".md-search__input");
  if (!dialog.hasAttribute("aria-label") && input) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "Cerca");
  }
}

// Il tema prepara un blocco di codice quando arriva sullo schermo (content.lazy in
// mkdocs.yml): solo allora lo rende raggiungibile con Tab se il codice scorre in
// orizzontale. Fino a quel momento ogni blocco è raggiungibile con Tab, così chi usa la
// tastiera può scorrerlo anche prima di vederlo; quando il blocco viene preparato, il tema
// toglie il tabindex a quelli che non scorrono.
for (const code of document.querySelectorAll(".highlight pre > code:not([tabindex])")) {
  code.tabIndex = 0;
}
