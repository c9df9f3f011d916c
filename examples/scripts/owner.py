# Owners from CODEOWNERS (.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS): the
# host matches the node's path, so the script needs no file access.
found = owners(target["id"])
if found:
    set("owners", found)
