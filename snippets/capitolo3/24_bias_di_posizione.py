# Bias di posizione: le opzioni ruotate quattro volte. Il modello segue la lettera o il contenuto?
import csv
import os

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL = os.environ.get("FLAN_T5_MODEL", "google/flan-t5-base")

tokenizer = AutoTokenizer.from_pretrained(MODEL)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL)
model.eval()

with open("data/scelta_multipla.csv", encoding="utf-8", newline="") as f:
    righe = list(csv.DictReader(f))
LETTERE = "ABCD"
esempi = [r for r in righe if r["parte"] == "esempio"]  # cinque esempi fissi, come in MMLU
prove = [r for r in righe if r["parte"] == "prova"]


def domanda(r, risolta=False):
    testo = r["domanda"] + "".join(f"\n{x}. {r[x]}" for x in LETTERE) + "\nRisposta:"
    return testo + f" {r['risposta']}\n\n" if risolta else testo


scaletta = "Seguono domande a scelta multipla (con le risposte) di cultura generale.\n\n"
scaletta += "".join(domanda(r, risolta=True) for r in esempi)
id_lettere = [tokenizer(x, add_special_tokens=False).input_ids for x in LETTERE]


def log_prob_lettere(prompt):  # log P(lettera | prompt): la somma sui token della lettera
    ingresso = tokenizer(prompt, return_tensors="pt")
    with torch.inference_mode():
        enc = model.get_encoder()(**ingresso)
        return torch.tensor([-model(encoder_outputs=enc, attention_mask=ingresso.attention_mask,
                                    labels=torch.tensor([ids])).loss.item() * len(ids)
                             for ids in id_lettere])


print(f"{'id':<4} {'lettere scelte':<15} {'contenuti diversi':>17} {'giuste':>6}  segue")
giuste_sempre = giuste = 0
conta_lettere, conta_segue = dict.fromkeys(LETTERE, 0), {"lettera": 0, "contenuto": 0, "": 0}
for r in prove:
    opzioni = [r[x] for x in LETTERE]
    lettere, contenuti = [], []
    for k in range(4):  # rotazione k: ogni opzione scala di k posti, la giusta passa per A, B, C, D
        ruotate = opzioni[k:] + opzioni[:k]
        scelta = int(log_prob_lettere(scaletta + domanda(r | dict(zip(LETTERE, ruotate)))).argmax())
        lettere.append(LETTERE[scelta])
        contenuti.append(ruotate[scelta])
        conta_lettere[LETTERE[scelta]] += 1
    corrette = sum(c == r[r["risposta"]] for c in contenuti)
    giuste, giuste_sempre = giuste + corrette, giuste_sempre + (corrette == 4)
    # stessa lettera e stesso contenuto insieme sono impossibili: la rotazione cambia il contenuto
    segue = "lettera" if len(set(lettere)) == 1 else "contenuto" if len(set(contenuti)) == 1 else ""
    conta_segue[segue] += 1
    diversi = len(set(contenuti))
    print(f"{r['id']:<4} {' '.join(lettere):<15} {diversi:>17} {corrette:>4}/4  {segue}".rstrip())

# la pagina cita questi valori
stessa_lettera, stesso_contenuto = conta_segue["lettera"], conta_segue["contenuto"]
n_scelte = 4 * len(prove)
accuratezza_rotazioni = giuste / n_scelte
lettera_preferita = max(LETTERE, key=lambda x: conta_lettere[x])
quota_preferita = conta_lettere[lettera_preferita] / n_scelte
print(f"\nscelte per lettera su {n_scelte}: {conta_lettere} (a caso: circa {n_scelte // 4})")
print(f"stessa lettera in tutte le rotazioni: {stessa_lettera} domande su {len(prove)}")
print(f"stesso contenuto in tutte le rotazioni: {stesso_contenuto} domande su {len(prove)}")
print(f"accuratezza su tutte le rotazioni: {accuratezza_rotazioni:.3f}; "
      f"domande giuste in tutte e quattro: {giuste_sempre}")
