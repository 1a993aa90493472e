# Quanto fidarsi delle probabilità del punteggio: diagramma di affidabilità ed ECE su sviluppo.
import csv
import os

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.metrics import accuracy_score, f1_score
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")
PROMPT = (
    "Classifica il sentiment del testo come positivo, negativo o neutro.\nTesto: {testo}\nRisposta:"
)
CLASSI = ["positivo", "negativo", "neutro"]
CANDIDATE = {  # le parole su cui si può dare il punteggio, nell'ordine di CLASSI
    "italiane": {"positivo": "positivo", "negativo": "negativo", "neutro": "neutro"},
    "inglesi": {"positivo": "positive", "negativo": "negative", "neutro": "neutral"},
}

M = 10  # intervalli di confidenza, ognuno largo 1/M

device = "cuda" if torch.cuda.is_available() else "cpu"
# bfloat16 solo sulle GPU che lo calcolano in hardware (capacità di calcolo 8.0 o più),
# altrove float32. Mai float16: in T5 alcune attivazioni superano il suo massimo, 65504
bf16 = device == "cuda" and torch.cuda.is_bf16_supported(including_emulation=False)
dtype = torch.bfloat16 if bf16 else torch.float32
tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL, dtype=dtype).to(device).eval()


def punteggi(testi, parole, batch_size=16, prompt=PROMPT):
    """log P(parola | prompt) di ogni parola per ogni testo: somma sui token, </s> compreso."""
    ids = [tokenizer(p).input_ids for p in parole]  # ogni lista finisce con </s>
    lunghezza = max(map(len, ids))
    # Le parole più corte si allungano con -100, il valore che transformers ignora nelle labels
    etichette = torch.tensor([x + [-100] * (lunghezza - len(x)) for x in ids], device=device)
    risultati = []
    for i in range(0, len(testi), batch_size):
        batch = [prompt.format(testo=t) for t in testi[i : i + batch_size]]
        inputs = tokenizer(batch, return_tensors="pt", padding=True).to(device)
        k, n = len(parole), len(batch)
        labels = etichette.repeat(n, 1)  # una riga per coppia (testo, parola)
        with torch.inference_mode():
            stati = model.get_encoder()(**inputs).last_hidden_state  # una volta per testo
            logit = model(  # il decoder: una chiamata sola per tutte le coppie
                encoder_outputs=(stati.repeat_interleave(k, dim=0),),
                attention_mask=inputs.attention_mask.repeat_interleave(k, dim=0),
                labels=labels,
            ).logits
        log_p = torch.log_softmax(logit.float(), dim=-1)  # (n·k, lunghezza, vocabolario)
        scelti = log_p.gather(-1, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1)
        risultati.append((scelti * (labels != -100)).sum(dim=-1).view(n, k).cpu())
    return torch.cat(risultati)  # (testi, parole)


def scegli_etichette(tutti, vere):
    """La lista di CANDIDATE con la macro-F1 più alta (a pari merito l'accuratezza, poi la
    prima) e le sue tre colonne di tutti, i punteggi delle parole di CANDIDATE in fila."""
    voti = {}
    for j, nome in enumerate(CANDIDATE):
        previste = [CLASSI[i] for i in tutti[:, 3 * j : 3 * j + 3].argmax(dim=1).tolist()]
        f1 = f1_score(vere, previste, labels=CLASSI, average="macro", zero_division=0)
        voti[nome] = (f1, accuracy_score(vere, previste))
    scelta = max(CANDIDATE, key=voti.get)  # max tiene il primo di quelli a pari merito
    j = list(CANDIDATE).index(scelta)
    return scelta, tutti[:, 3 * j : 3 * j + 3]


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
vere = [r["etichetta"] for r in righe]
parole = [p for c in CANDIDATE.values() for p in c.values()]
# Le parole scelte con la regola di 22_scegliere_le_parole.py, rifatta qui sugli stessi testi
scelta, colonne = scegli_etichette(punteggi([r["testo_it"] for r in righe], parole), vere)
ETICHETTE = CANDIDATE[scelta]
prob = torch.softmax(colonne, dim=1).numpy()  # (testi, 3): una probabilità per classe
confidenza = prob.max(axis=1)  # la probabilità della classe prevista, la più alta delle tre
assert (confidenza >= 1 / 3 - 1e-6).all()  # con tre classi la più probabile vale almeno 1/3
giusto = np.array([CLASSI[i] == v for i, v in zip(prob.argmax(axis=1), vere)])

# Come in Guo et al. (2017), §2: l'intervallo m raccoglie le confidenze in ((m-1)/M, m/M]
intervallo = np.clip(np.ceil(confidenza * M).astype(int) - 1, 0, M - 1)
conteggi = np.bincount(intervallo, minlength=M)
assert conteggi.sum() == len(righe)  # ogni testo sta in un intervallo, e in uno solo
sotto = np.arange(1, M + 1) / M < 1 / 3  # gli intervalli che finiscono prima di 1/3
assert conteggi[sotto].sum() == 0  # quindi i primi intervalli restano vuoti

print(f"testi di sviluppo: {len(righe)}; punteggio sulle parole {scelta}")
print(f"{'intervallo':<12}{'testi':>6}{'confidenza media':>18}{'accuratezza':>13}{'scarto':>8}")
ece = 0.0
acc_m, conf_m = np.full(M, np.nan), np.full(M, np.nan)
for m in range(M):
    dentro = intervallo == m
    nome = f"({m / M:.1f}, {(m + 1) / M:.1f}]"
    if not dentro.any():
        print(f"{nome:<12}{0:>6}")
        continue
    acc_m[m], conf_m[m] = giusto[dentro].mean(), confidenza[dentro].mean()
    scarto = abs(acc_m[m] - conf_m[m])
    ece += dentro.sum() / len(righe) * scarto  # la media degli scarti, pesata sui testi
    print(f"{nome:<12}{dentro.sum():>6}{conf_m[m]:>18.3f}{acc_m[m]:>13.3f}{scarto:>8.3f}")
print(f"\nECE con {M} intervalli: {ece:.3f}")
print(f"confidenza media: {confidenza.mean():.3f}   accuratezza: {giusto.mean():.3f}")

fig, ax = plt.subplots(figsize=(6.4, 5))
centri = (np.arange(M) + 0.5) / M
ax.axvspan(0, 1 / 3, color="0.92", label="sotto 1/3: impossibile con tre classi")
ax.bar(centri, np.nan_to_num(acc_m), width=1 / M, edgecolor="black", label="accuratezza")
ax.plot([0, 1], [0, 1], "--", color="gray", label="calibrazione perfetta")
pieni = conteggi > 0
ax.plot(centri[pieni], conf_m[pieni], "o", color="tab:red", label="confidenza media")
for x, n, a in zip(centri[pieni], conteggi[pieni], acc_m[pieni]):
    ax.annotate(f"{n}", (x, a), textcoords="offset points", xytext=(0, 3), ha="center")
ax.set_xlim(0, 1)
ax.set_ylim(0, 1.08)
ax.set_xlabel("confidenza (probabilità della classe prevista)")
ax.set_ylabel("accuratezza nell'intervallo")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2)  # sotto il grafico
fig.tight_layout()
titolo = f"Diagramma di affidabilità sui {len(righe)} testi di sviluppo; sopra ogni barra, i testi"
fig.savefig("diagramma_affidabilita.png", dpi=110, metadata={"Title": titolo})
print("figura salvata: diagramma_affidabilita.png")

# La pagina cita questi valori
n_testi = len(righe)
confidenza_media, accuratezza = float(confidenza.mean()), float(giusto.mean())
if confidenza_media > accuratezza:
    confronto, giudizio = "più alta dell'accuratezza", "troppo sicuro"
elif confidenza_media < accuratezza:
    confronto, giudizio = "più bassa dell'accuratezza", "troppo prudente"
else:
    confronto, giudizio = "uguale all'accuratezza", "né troppo sicuro né troppo prudente"
m_pieno = int(conteggi.argmax())
intervallo_piu_pieno = f"da {m_pieno / M:.1f} a {(m_pieno + 1) / M:.1f}".replace(".", ",")
quota_piu_pieno = conteggi[m_pieno] / len(righe)
intervalli_vuoti = int((conteggi == 0).sum())
