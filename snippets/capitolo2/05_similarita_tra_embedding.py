# Similarità del coseno tra gli embedding di alcune parole, confrontata con coppie di righe a caso.
import os

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
# solo le righe che corrispondono a pezzi del tokenizer
matrice = model.get_input_embeddings().weight.detach()[: len(tokenizer)]

parole = ["great", "excellent", "terrible", "awful", "hotel", "train"]
vettori = []
for parola in parole:
    ids = tokenizer(parola, add_special_tokens=False).input_ids
    # una parola spezzata in più pezzi: usiamo la media dei loro vettori
    vettori.append(matrice[ids].mean(dim=0))
    print(f"{parola:<10} pezzi: {tokenizer.convert_ids_to_tokens(ids)}")

unitari = F.normalize(torch.stack(vettori), dim=-1)
simili = unitari @ unitari.T  # coseno tra ogni coppia: (6, 6)
print("\nsimilarità del coseno", tuple(simili.shape))
print(" " * 10 + "".join(f"{p:>10}" for p in parole))
for parola, riga in zip(parole, simili.tolist()):
    print(f"{parola:<10}" + "".join(f"{v:10.3f}" for v in riga))

# il riferimento: 2000 coppie di righe vere della matrice, prese a caso (seme fisso)
torch.manual_seed(0)
a, b = torch.randint(len(matrice), (2, 2000))
diverse = a != b  # niente coppie di una riga con sé stessa
a, b = a[diverse], b[diverse]
coseni = F.cosine_similarity(matrice[a], matrice[b], dim=-1)
d = matrice.shape[1]
print(f"\ncoppie di righe vere a caso ({len(coseni)}): {coseni.mean():.3f} ± {coseni.std():.3f}")
# vettori casuali in tutte le direzioni (isotropi): il coseno oscilla intorno a 0 di circa 1/√d
print(f"vettori casuali isotropi di {d} numeri:  0 ± {d**-0.5:.3f}")

fig, ax = plt.subplots(figsize=(5, 4))
immagine = ax.imshow(simili.numpy(), cmap="RdBu_r", vmin=-1, vmax=1)
ax.set_xticks(range(len(parole)), parole, rotation=45)
ax.set_yticks(range(len(parole)), parole)
fig.colorbar(immagine, ax=ax, label="similarità del coseno")
fig.tight_layout()
fig.savefig("similarita.png", dpi=110, metadata={"Title": "Similarità del coseno tra embedding"})
print("figura salvata: similarita.png")
