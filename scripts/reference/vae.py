"""PyTorch twin of graphs/vae.json: encoder 784-256-(16 mu, 16 log var), reparameterised sample,
decoder 16-256-784 sigmoid; loss = BCE summed over pixels + KL to N(0, I), in nats per image; Adam.
Usage: python3 scripts/reference/vae.py --steps 3000 --seed 1"""
import argparse

import numpy as np
import torch
from common import balanced_selection, load, report

parser = argparse.ArgumentParser()
parser.add_argument('--steps', type=int, default=3000)
parser.add_argument('--seed', type=int, default=1)
parser.add_argument('--batch', type=int, default=128)
args = parser.parse_args()
torch.manual_seed(args.seed)
rng = np.random.default_rng(args.seed)


class Vae(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = torch.nn.Linear(784, 256)
        self.mu = torch.nn.Linear(256, 16)
        self.log_var = torch.nn.Linear(256, 16)
        self.decoder = torch.nn.Sequential(torch.nn.Linear(16, 256), torch.nn.ReLU(), torch.nn.Linear(256, 784), torch.nn.Sigmoid())

    def forward(self, x):
        h = torch.relu(self.hidden(x))
        mu, log_var = self.mu(h), self.log_var(h)
        z = mu + torch.exp(log_var / 2) * torch.randn_like(mu)
        p = torch.clamp(self.decoder(z), 1e-7, 1 - 1e-7)
        reconstruction = -torch.sum(x * torch.log(p) + (1 - x) * torch.log(1 - p), dim=1).mean()
        kl = torch.sum(-0.5 * (1 + log_var - mu ** 2 - torch.exp(log_var)), dim=1).mean()
        return reconstruction, kl


train, _ = load('mnist', 'train')
test, test_labels = load('mnist', 'test')
model = Vae()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
order, position = rng.permutation(len(train)), 0
for step in range(args.steps):
    if position + args.batch > len(order):
        order, position = rng.permutation(len(train)), 0
    x = torch.from_numpy(train[order[position:position + args.batch]])
    position += args.batch
    reconstruction, kl = model(x)
    optimizer.zero_grad()
    (reconstruction + kl).backward()
    optimizer.step()
with torch.no_grad():
    x = torch.from_numpy(test[balanced_selection(test_labels, 2000)])
    reconstruction, kl = model(x)
report({'model': 'vae', 'steps': args.steps, 'seed': args.seed, 'testReconstruction': reconstruction.item(),
        'testKl': kl.item(), 'testNegativeElbo': reconstruction.item() + kl.item()})
