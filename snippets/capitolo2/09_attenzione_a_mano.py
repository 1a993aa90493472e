# L'attenzione calcolata a mano su una frase giocattolo, e confrontata con PyTorch.
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

torch.manual_seed(0)
parole = ["il", "gatto", "dorme", "sul", "divano"]
d = 4  # dimensione dei vettori (piccola, per poterli leggere)

x = torch.randn(len(parole), d)  # un embedding (casuale) per parola
W_q, W_k, W_v = (torch.randn(d, d) for _ in range(3))

Q, K, V = x @ W_q, x @ W_k, x @ W_v  # query, chiavi, valori: (5, 4) ciascuno
punteggi = Q @ K.T / d**0.5  # quanto ogni parola "guarda" le altre: (5, 5)
pesi = torch.softmax(punteggi, dim=-1)  # ogni riga ora somma a 1
uscita = pesi @ V  # media dei valori, pesata dall'attenzione: (5, 4)

uguale = torch.allclose(uscita, F.scaled_dot_product_attention(Q, K, V), atol=1e-6)
print("Q, K, V:", tuple(Q.shape), "  pesi:", tuple(pesi.shape), "  uscita:", tuple(uscita.shape))
print("uguale a scaled_dot_product_attention:", uguale)
assert uguale
print()
print("pesi di attenzione (riga = chi guarda, colonna = chi è guardato)")
print(" " * 8 + "".join(f"{p:>8}" for p in parole))
for parola, riga in zip(parole, pesi):
    print(f"{parola:>8}" + "".join(f"{v:8.3f}" for v in riga.tolist()))

# la pagina cita questi valori: il peso più grande, e chi (riga) lo dà a chi (colonna)
peso_massimo = pesi.max().item()
chi_guarda, chi_e_guardato = (parole[i] for i in divmod(pesi.argmax().item(), len(parole)))

fig, ax = plt.subplots(figsize=(5, 4))
ax.imshow(pesi.numpy(), cmap="Blues", vmin=0, vmax=1)
ax.set_xticks(range(len(parole)), parole)
ax.set_yticks(range(len(parole)), parole)
ax.set_xlabel("parola guardata (chiave)")
ax.set_ylabel("parola che guarda (query)")
for i in range(len(parole)):
    for j in range(len(parole)):
        ax.text(j, i, f"{pesi[i, j]:.2f}", ha="center", va="center", fontsize=8)
fig.tight_layout()
titolo = "Pesi di attenzione sulla frase giocattolo"
fig.savefig("attenzione.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: attenzione.png")
