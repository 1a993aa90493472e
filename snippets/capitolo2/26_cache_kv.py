# La cache di chiavi e valori: generare token per token con e senza cache, e contare i calcoli.
import torch

torch.manual_seed(0)
vocabolario, d = 20, 16
E = torch.randn(vocabolario, d)  # embedding, usati anche per i logit
W_q, W_k, W_v = (torch.randn(d, d) / d**0.5 for _ in range(3))
conti = {"senza cache": 0, "con cache": 0}


def mm(a, b, chi):
    # prodotto matrice per matrice che conta le moltiplicazioni che fa
    conti[chi] += a.shape[0] * a.shape[1] * b.shape[1]
    return a @ b


def prossimo(x_ultimo_out, chi):
    return int(mm(x_ultimo_out, E.T, chi).argmax())


def senza_cache(ids, passi):
    ids = list(ids)
    for _ in range(passi):  # a ogni passo si ricalcola tutto, per tutti i token
        x = E[ids]
        Q, K, V = mm(x, W_q, "senza cache"), mm(x, W_k, "senza cache"), mm(x, W_v, "senza cache")
        punteggi = mm(Q, K.T, "senza cache") / d**0.5
        causale = torch.ones(len(ids), len(ids), dtype=torch.bool).tril()
        pesi = torch.softmax(punteggi.masked_fill(~causale, float("-inf")), dim=-1)
        ids.append(prossimo(mm(pesi, V, "senza cache")[-1:], "senza cache"))
    return ids


def con_cache(ids, passi):
    ids, K, V = list(ids), torch.empty(0, d), torch.empty(0, d)
    nuovi = ids  # al primo passo il prompt intero, poi solo l'ultimo token
    for _ in range(passi):
        x = E[nuovi]
        K = torch.cat([K, mm(x, W_k, "con cache")])  # si aggiungono solo le righe nuove
        V = torch.cat([V, mm(x, W_v, "con cache")])
        q = mm(x[-1:], W_q, "con cache")  # serve solo la query dell'ultimo token
        pesi = torch.softmax(mm(q, K.T, "con cache") / d**0.5, dim=-1)
        ids.append(prossimo(mm(pesi, V, "con cache"), "con cache"))
        nuovi = ids[-1:]
    return ids


prompt = [3, 7, 1, 12]
a, b = senza_cache(prompt, 12), con_cache(prompt, 12)
print("senza cache:", a)
print("con cache:  ", b)
assert a == b  # stessi token: la cache non cambia il risultato, solo il lavoro
for chi, n in conti.items():
    print(f"moltiplicazioni {chi:<12} {n:>8,}")
assert conti["con cache"] < conti["senza cache"]
