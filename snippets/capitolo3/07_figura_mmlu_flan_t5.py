# MMLU (5-shot) dei cinque Flan-T5: i numeri della Tabella 5 di Chung et al. (arXiv:2210.11416).
import matplotlib.pyplot as plt

# modello: (parametri secondo l'articolo, accuratezza MMLU 5-shot in %)
flan_t5 = {
    "small": ("80 M", 28.7),
    "base": ("250 M", 35.9),
    "large": ("780 M", 45.1),
    "xl": ("3 B", 52.4),
    "xxl": ("11 B", 55.1),
}
CASO = 25.0  # quattro risposte per domanda: tirando a indovinare si fa il 25%

print(f"{'modello':<14} {'parametri':>9} {'MMLU %':>7} {'sopra il caso':>14}")
for nome, (parametri, mmlu) in flan_t5.items():
    print(f"flan-t5-{nome:<6} {parametri:>9} {mmlu:>7.1f} {mmlu - CASO:>+14.1f}")

fig, ax = plt.subplots(figsize=(6, 3.2))
etichette = [f"{nome}\n{parametri}" for nome, (parametri, _) in flan_t5.items()]
ax.bar(etichette, [mmlu for _, mmlu in flan_t5.values()], color="#3f51b5")
ax.axhline(CASO, color="gray", linestyle="--", label="risposta a caso (25%)")
ax.set_ylabel("MMLU 5-shot (%)")
ax.set_ylim(0, 100)
ax.legend(loc="upper left")
fig.tight_layout()
titolo = "Flan-T5, accuratezza MMLU per dimensione (Chung et al., Tabella 5)"
fig.savefig("mmlu_flan_t5.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: mmlu_flan_t5.png")
