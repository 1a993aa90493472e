# L'attenzione incrociata: le query vengono dal decoder, chiavi e valori dall'encoder.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
sorgente = ["il", "gatto", "dorme", "sul", "divano"]  # letta dall'encoder
scritte = ["the", "cat", "sleeps"]  # già scritte dal decoder
d = 4
encoder = torch.randn(len(sorgente), d)  # uscita dell'encoder: (5, 4)
decoder = torch.randn(len(scritte), d)  # stato del decoder: (3, 4)
W_q, W_k, W_v = (torch.randn(d, d) for _ in range(3))

Q = decoder @ W_q  # (3, 4): una query per ogni token del decoder
K, V = encoder @ W_k, encoder @ W_v  # (5, 4): chiavi e valori dalla frase sorgente
pesi = torch.softmax(Q @ K.T / d**0.5, dim=-1)  # (3, 5): nessuna maschera causale
uscita = pesi @ V  # (3, 4): un vettore per ogni token del decoder

print(
    "Q:",
    tuple(Q.shape),
    " K, V:",
    tuple(K.shape),
    " pesi:",
    tuple(pesi.shape),
    " uscita:",
    tuple(uscita.shape),
)
uguale = torch.allclose(uscita, F.scaled_dot_product_attention(Q, K, V), atol=1e-6)
print("uguale a scaled_dot_product_attention:", uguale)
assert uguale
print("\npesi (riga = token del decoder, colonna = token dell'encoder)")
print(" " * 8 + "".join(f"{p:>8}" for p in sorgente))
for parola, riga in zip(scritte, pesi.tolist()):
    print(f"{parola:>8}" + "".join(f"{v:8.3f}" for v in riga))

# la pagina cita questi valori: dove guarda «cat», con pesi casuali
guardata_da_cat = sorgente[pesi[1].argmax().item()]
if guardata_da_cat == "gatto":
    traduzione = "proprio la sua traduzione, per puro caso"
else:
    traduzione = "una parola che non è la sua traduzione"
