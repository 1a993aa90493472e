# Che cosa vede il modello di un numero o di una parola: i token, non le cifre o le lettere.
import os
import random

import matplotlib.pyplot as plt
from transformers import AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
for testo in ["strawberry", "fragola", "precipitevolissimevolmente", "3847 + 2956", "1234567"]:
    pezzi = tokenizer.tokenize(testo)
    print(f"{testo!r:<30} {len(pezzi):>2} token: {pezzi}")
    # Ogni carattere del testo sta in uno dei pezzi, ma il modello riceve un id per pezzo.
    assert "".join(pezzi).replace("▁", "") == testo.replace(" ", "")

# Numeri casuali (seme fisso) da 1 a 12 cifre: quanti token ciascuno?
rng = random.Random(0)
cifre = range(1, 13)
conteggi = {k: [] for k in cifre}
for k in cifre:
    for _ in range(30):
        numero = str(rng.randint(10 ** (k - 1), 10**k - 1))
        conteggi[k].append(len(tokenizer.tokenize(numero)))
print(f"\n{'cifre':>5} {'token (min-max)':>16}")
for k in cifre:
    print(f"{k:>5} {min(conteggi[k]):>8}-{max(conteggi[k])}")

fig, ax = plt.subplots(figsize=(6, 3.8))
for k in cifre:
    valori = sorted(set(conteggi[k]))
    pesi = [conteggi[k].count(v) * 8 for v in valori]  # area del punto: quanti numeri
    ax.scatter([k] * len(valori), valori, s=pesi, color="#3f51b5", alpha=0.7)
ax.plot(list(cifre), list(cifre), "--", color="#9e9e9e", label="un token per cifra")
ax.set(xlabel="cifre del numero", ylabel="token", xticks=list(cifre))
ax.legend(loc="upper left")
fig.tight_layout()
titolo = "Quanti token diventa un numero, per numero di cifre"
fig.savefig("numeri_in_token.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: numeri_in_token.png")
