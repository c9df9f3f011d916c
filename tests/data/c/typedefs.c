typedef unsigned long size_type;
typedef int (*compare_fn)(const void *, const void *);
typedef struct node node_t;
typedef struct node {
    int value;
    struct node *next;
} node;
typedef struct {
    int x, y;
} vec2, *vec2_ptr;
typedef char name_t[32], *name_ptr;

size_type length(node_t *n) {
    size_type count = 0;
    while (n) {
        count++;
        n = n->next;
    }
    return count;
}
