"""inloop"""
