"""Who may use the served app, and as whom: accounts (a name, a role, the forums the
person belongs to, a password hash) kept in a file beside the store, and the actor a
repository carries so that the store itself refuses what a role may not do.

The command line is the operator's own shell and works without accounts: a repository
without an actor is not restricted. Accounts govern ``samverkan serve``.
"""
