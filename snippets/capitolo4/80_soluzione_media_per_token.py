# Esercizio: la somma o la media per token delle log-probabilità, sulle due liste di parole.
import csv
import os

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


with open("data/sentiment.csv", encoding="utf-8", newline="") as f:
    righe = [r for r in csv.DictReader(f) if r["parte"] == "sviluppo"]
vere = [r["etichetta"] for r in righe]
parole = [p for c in CANDIDATE.values() for p in c.values()]
tutti = punteggi([r["testo_it"] for r in righe], parole)

print(f"testi di sviluppo: {len(righe)}")
print(
    f"{'parole':<9}{'token':>8}{'punteggio':>11}{'accuratezza':>13}{'macro-F1':>10}"
    f"{'confidenza media':>18}"
)
cambiate = {}
for j, (nome, c) in enumerate(CANDIDATE.items()):
    somme = tutti[:, 3 * j : 3 * j + 3]
    lunghezze = torch.tensor([len(tokenizer(p).input_ids) for p in c.values()])
    medie = somme / lunghezze  # la media per token: ogni colonna divisa per i suoi token
    conf = {}
    for modo, s in (("somma", somme), ("media", medie)):
        previste = [CLASSI[i] for i in s.argmax(dim=1).tolist()]
        acc = accuracy_score(vere, previste)
        f1 = f1_score(vere, previste, labels=CLASSI, average="macro", zero_division=0)
        conf[modo] = torch.softmax(s, dim=1).max(dim=1).values.mean().item()
        token = "/".join(map(str, lunghezze.tolist()))
        print(f"{nome:<9}{token:>8}{modo:>11}{acc:>13.3f}{f1:>10.3f}{conf[modo]:>18.3f}")
    cambiate[nome] = int((somme.argmax(dim=1) != medie.argmax(dim=1)).sum())
    if len(set(lunghezze.tolist())) == 1:  # stessa lunghezza: stessa classe, softmax più piatta
        assert cambiate[nome] == 0 and conf["media"] <= conf["somma"] + 1e-6
print(
    "testi con un'altra classe prevista usando la media: "
    + ", ".join(f"parole {n} {c}" for n, c in cambiate.items())
)

# La pagina cita questi valori
cambiate_italiane, cambiate_inglesi = cambiate["italiane"], cambiate["inglesi"]
