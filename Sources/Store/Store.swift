// Store: placeholder until the layer lands; replaced by its owner.
