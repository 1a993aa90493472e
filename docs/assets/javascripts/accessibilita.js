// La finestra di ricerca del tema ha role="dialog" ma nessun nome accessibile:
// le diamo quello del suo campo («Cerca»), così un lettore di schermo la annuncia.
for (const dialog of document.querySelectorAll(".md-search[role=dialog]")) {
  const input = dialog.querySelector(".md-search__input");
  if (!dialog.hasAttribute("aria-label") && input) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label") || "Cerca");
  }
}
