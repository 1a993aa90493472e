# Che cosa tengono top-k e top-p di una distribuzione giocattolo, e come la cambia la temperatura.
import matplotlib.pyplot as plt
import torch

K, P = 3, 0.8
TEMPERATURE = [0.5, 1.0, 2.0]
# Venti logit fissi, già in ordine decrescente: la figura è la stessa con qualsiasi modello.
logits = torch.tensor([4.0, 3.4, 3.1, 2.5, 2.2, 2.0, 1.6, 1.5, 1.1, 0.9])
logits = torch.cat([logits, torch.linspace(0.6, -1.5, 10)])


def quanti_top_p(prob, p):
    prima = torch.cumsum(prob, dim=0) - prob  # prob è già ordinata dalla più alta
    return int((prima < p).sum())


print(f"{'T':>4}  {'primo token':>11}  {'top-k tiene':>11}  {'top-p tiene':>11}")
for t in TEMPERATURE:
    prob = torch.softmax(logits / t, dim=-1)
    print(f"{t:>4}  {prob[0]:>11.3f}  {K:>11}  {quanti_top_p(prob, P):>11}")

fig, (sx, dx) = plt.subplots(1, 2, figsize=(10, 3.8), sharex=True)
prob = torch.softmax(logits, dim=-1)
n_p = quanti_top_p(prob, P)
posizioni = range(1, len(prob) + 1)
sx.bar(posizioni, prob, color=["#3f51b5" if i < n_p else "#c5cae9" for i in range(len(prob))])
sx.plot(posizioni, torch.cumsum(prob, dim=0), "k.-", label="probabilità accumulata")
sx.axhline(P, color="#e65100", linestyle=":", label=f"p = {P}")
sx.axvline(K + 0.5, color="#2e7d32", linestyle="--", label=f"taglio top-k, k = {K}")
sx.axvline(n_p + 0.5, color="#e65100", linestyle="--", label=f"taglio top-p: {n_p} token")
sx.set_xlabel("posizione del token (dal più probabile)")
sx.set_ylabel("probabilità")
sx.set_xticks(range(1, len(prob) + 1, 2))
sx.set_title("T = 1: in blu i token che top-p tiene")
sx.legend(fontsize=8)
for t in TEMPERATURE:
    prob_t = torch.softmax(logits / t, dim=-1)
    linea = dx.plot(posizioni, prob_t, "o-", markersize=3, label=f"T = {t}")[0]
    n = quanti_top_p(prob_t, P)  # l'ultimo token che top-p tiene, segnato più grande
    dx.plot(n, prob_t[n - 1], "o", markersize=9, color=linea.get_color())
dx.set_xlabel("posizione del token (dal più probabile)")
dx.set_title(f"Tre temperature; il punto grande chiude top-p, p = {P}")
dx.legend()
fig.tight_layout()
titolo = "Che cosa tengono top-k e top-p, e l'effetto della temperatura"
fig.savefig("tagli_top_k_top_p.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: tagli_top_k_top_p.png")
