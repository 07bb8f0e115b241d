"""Records clients push: the ids they give them (`external_id`) and how many one bulk upload holds."""

# What `/by-external-id/<external_id>` can address: no slash, no percent sign, no space, and not
# "." or ".." (which clients and proxies collapse).
EXTERNAL_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._~:@+=-]{0,199}$"
EXTERNAL_ID_RULE = (
    "1 to 200 characters: letters, digits and . _ ~ : @ + = -, starting with a letter or digit."
)
MAX_BULK_ITEMS = 1000
