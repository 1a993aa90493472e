# La perdita delle preferenze (Bradley-Terry) -log σ(r_scelta - r_scartata) al variare del margine.
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

domanda = "Come si fa il caffè con la moka?"
scelta = "Acqua fino alla valvola, caffè nel filtro senza pressarlo, fuoco basso."
scartata = "Il caffè è una bevanda molto diffusa in Italia."
# Punteggi inventati, come li darebbe un modello di ricompensa a queste due risposte.
r_scelta, r_scartata = torch.tensor(1.3), torch.tensor(-0.4)

perdita = -F.logsigmoid(r_scelta - r_scartata)
print(f"domanda:  {domanda}")
print(f"scelta   (r = {r_scelta.item():+.2f}): {scelta}")
print(f"scartata (r = {r_scartata.item():+.2f}): {scartata}")
print(f"P(scelta preferita) = σ(margine) = {torch.sigmoid(r_scelta - r_scartata).item():.4f}")
print(f"perdita = -log σ(margine)       = {perdita.item():.4f}\n")

print(f"{'margine':>8} {'σ(margine)':>11} {'perdita':>8}")
for m in (-4.0, -2.0, -1.0, 0.0, 1.0, 2.0, 4.0):
    m = torch.tensor(m)
    print(f"{m.item():>+8.1f} {torch.sigmoid(m).item():>11.4f} {-F.logsigmoid(m).item():>8.4f}")

margini = torch.linspace(-4, 4, 81)
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(margini, -F.logsigmoid(margini))
ax.axvline(0, color="gray", linewidth=0.8)
ax.set_xlabel("margine r_scelta − r_scartata")
ax.set_ylabel("perdita −log σ(margine)")
fig.tight_layout()
titolo = "Perdita delle preferenze in funzione del margine di ricompensa"
fig.savefig("perdita_preferenze.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: perdita_preferenze.png")
