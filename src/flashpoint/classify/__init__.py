"""The trained event classifier: model, training, where models live, and how its
probabilities and the rules' choices combine."""
