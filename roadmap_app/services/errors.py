"""Errors a learner can fix. Each message is one line that says what to do."""


class UserError(Exception):
    """A request that cannot be carried out as asked; nothing was changed."""


class NotFoundError(UserError):
    """An id or name that does not exist."""


class InvalidInputError(UserError):
    """A value of the wrong form."""
