# Parametri, token e calcolo di T5-base, GPT-3, Chinchilla e del modello di questa build.
import os

import matplotlib.pyplot as plt
from transformers import AutoModelForSeq2SeqLM

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
TOKEN_PER_PARAMETRO = 20  # la regola ricavata dalla Tabella 3 di Chinchilla

# Il numero di parametri del modello della build si conta dal codice, non si copia.
n_build = sum(p.numel() for p in AutoModelForSeq2SeqLM.from_pretrained(MODEL).parameters())

# (parametri, token di addestramento) come li dichiarano le fonti.
modelli = {
    # Raffel et al., arXiv:1910.10683, §3.7: 10^6 passi × 2^11 sequenze × 512 token.
    "T5-base": (220e6, 1e6 * 2**11 * 512),
    # Brown et al., arXiv:2005.14165, Tabella 2.1 e §2.2: 300 miliardi di token.
    "GPT-3": (175e9, 300e9),
    # Hoffmann et al., arXiv:2203.15556, Tabella 1.
    "Chinchilla": (70e9, 1.4e12),
    # Per il modello della build i token non li conosciamo: usiamo quelli della regola.
    "questa build, se D = 20 N": (n_build, TOKEN_PER_PARAMETRO * n_build),
}
print(f"{'modello':<20}{'parametri N':>12}{'token D':>10}{'D / N':>8}{'C = 6·N·D':>12}")
for nome, (n, d) in modelli.items():
    print(f"{nome:<20}{n:>12.3g}{d:>10.3g}{d / n:>8.1f}{6 * n * d:>12.3g}")

# GPT-3: l'articolo dichiara 3,14·10^23 FLOP (Tabella D.1); la regola ci arriva vicino.
c_gpt3 = 6 * 175e9 * 300e9
print(f"\nGPT-3: 6·N·D / Tabella D.1 = {c_gpt3 / 3.14e23:.3f}")
assert abs(c_gpt3 / 3.14e23 - 1) < 0.02

fig, ax = plt.subplots(figsize=(6.5, 4.5))
asse = [1e5, 1e12]
ax.plot(asse, [TOKEN_PER_PARAMETRO * x for x in asse], "--", color="#9e9e9e", label="D = 20 N")
for nome, (n, d) in modelli.items():
    ax.scatter(n, d, s=40, color="#e65100" if "build" in nome else "#3f51b5", zorder=3)
    ax.annotate(nome, (n, d), textcoords="offset points", xytext=(6, -4), fontsize=9)
ax.set(xscale="log", yscale="log", xlabel="parametri N", ylabel="token di addestramento D")
ax.legend(loc="upper left")
fig.tight_layout()
titolo = "Token di addestramento contro parametri, con la retta di 20 token per parametro"
fig.savefig("token_parametri.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: token_parametri.png")
