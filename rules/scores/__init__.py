"""Performance-evaluation rules (BL6xx): scores, 执行率, grades."""
