# BPE e Unigram al crescere del vocabolario: token per parola e parole intere, su testo mai visto.
from pathlib import Path

import matplotlib.pyplot as plt
from tokenizers import Tokenizer, models, pre_tokenizers, trainers

righe = Path("data/guida.txt").read_text(encoding="utf-8").splitlines()
taglio = len(righe) * 9 // 10
addestramento, prova = righe[:taglio], righe[taglio:]  # l'ultimo 10% non si vede addestrando
parole = " ".join(prova).split()
DIMENSIONI = [250, 500, 1000, 2000, 4000]


def addestra(algoritmo, dimensione):
    if algoritmo == "BPE":
        tokenizer = Tokenizer(models.BPE(unk_token="<unk>"))
        trainer = trainers.BpeTrainer(vocab_size=dimensione, special_tokens=["<unk>"])
    else:
        tokenizer = Tokenizer(models.Unigram())
        trainer = trainers.UnigramTrainer(
            vocab_size=dimensione, special_tokens=["<unk>"], unk_token="<unk>"
        )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
    trainer.show_progress = False
    tokenizer.train_from_iterator(addestramento, trainer)
    return tokenizer


risultati = {"BPE": [], "Unigram": []}
print(f"parole di prova: {len(parole)}\n")
print(f"{'algoritmo':<9} {'vocabolario':>11} {'token/parola':>13} {'parole intere':>14}")
for algoritmo, righe_tabella in risultati.items():
    for dimensione in DIMENSIONI:
        codifiche = addestra(algoritmo, dimensione).encode_batch(parole)
        per_parola = sum(len(c.ids) for c in codifiche) / len(parole)
        intere = sum(len(c.ids) == 1 for c in codifiche) / len(parole)
        righe_tabella.append((per_parola, intere))
        print(f"{algoritmo:<9} {dimensione:>11} {per_parola:>13.2f} {intere:>13.0%}")

fig, (sinistra, destra) = plt.subplots(1, 2, figsize=(9, 3.6))
for algoritmo, valori in risultati.items():
    sinistra.plot(DIMENSIONI, [v[0] for v in valori], marker="o", label=algoritmo)
    destra.plot(DIMENSIONI, [100 * v[1] for v in valori], marker="o", label=algoritmo)
for ax, etichetta in [(sinistra, "token per parola"), (destra, "parole in un token solo (%)")]:
    ax.set_xscale("log", base=2)
    ax.set_xticks(DIMENSIONI, [str(d) for d in DIMENSIONI])
    ax.set_xlabel("pezzi nel vocabolario")
    ax.set_ylabel(etichetta)
    ax.legend()
# la pagina cita questi valori: le parole di prova, se per BPE ogni raddoppio fa risparmiare
# meno del precedente, le parole intere con il vocabolario più grande
parole_di_prova = len(parole)
bpe = [per_parola for per_parola, _ in risultati["BPE"]]
risparmi_bpe = [prima - dopo for prima, dopo in zip(bpe, bpe[1:])]
if all(a > b for a, b in zip(risparmi_bpe, risparmi_bpe[1:])):
    andamento = "ogni raddoppio fa risparmiare meno del precedente"
else:
    andamento = "non sempre un raddoppio fa risparmiare meno del precedente"
intere_bpe, intere_unigram = risultati["BPE"][-1][1], risultati["Unigram"][-1][1]
titolo = "BPE e Unigram addestrati sulla guida: token per parola e parole intere"
fig.tight_layout()
fig.savefig("token_per_parola.png", dpi=110, metadata={"Title": titolo})
print("\nfigura salvata: token_per_parola.png")
