/* Copyright Quiver contributors. Licensed under the Apache License 2.0.
 * A plugin for the package's tests, in plain C against include/quiver/plugin/abi.h:
 * "length" returns a column's length as JSON; "same" hands the column back (a new array
 * struct pointing at the same buffers, proving that nothing is copied); "fail" fails. */
#include <string.h>

#include "quiver/plugin/abi.h"

static char g_json[64];

static int Length(const char* args, const struct ArrowSchema* schema, const struct ArrowArray* array) {
  (void)args;
  (void)schema;
  long long n = array ? array->length : -1;
  /* no snprintf in the exported libc subset: format by hand */
  char digits[24];
  int k = 0;
  int negative = n < 0;
  if (negative) n = -n;
  do {
    digits[k++] = (char)('0' + n % 10);
    n /= 10;
  } while (n > 0);
  int at = 0;
  const char* head = "{\"length\":";
  memcpy(g_json, head, strlen(head));
  at = (int)strlen(head);
  if (negative) g_json[at++] = '-';
  while (k > 0) g_json[at++] = digits[--k];
  g_json[at++] = '}';
  return quiver_host_return_json(g_json, (size_t)at);
}

static void ReleaseNothing(struct ArrowArray* a) { a->release = 0; }
static void ReleaseSchemaNothing(struct ArrowSchema* s) { s->release = 0; }

static int Same(const char* args, const struct ArrowSchema* schema, const struct ArrowArray* array) {
  (void)args;
  if (schema == 0 || array == 0) {
    quiver_host_set_error("same needs a column");
    return 1;
  }
  /* Borrowed structures: hand back copies whose release does nothing; the core's own
   * export keeps the buffers alive for as long as the result refers to them. */
  struct ArrowSchema s = *schema;
  s.release = ReleaseSchemaNothing;
  struct ArrowArray a = *array;
  a.release = ReleaseNothing;
  return quiver_host_return_array(&s, &a);
}

static int Fail(const char* args, const struct ArrowSchema* schema, const struct ArrowArray* array) {
  (void)args;
  (void)schema;
  (void)array;
  quiver_host_set_error("asked to fail");
  return 1;
}

static const struct QuiverPluginOperation kOps[] = {{"length", Length}, {"same", Same}, {"fail", Fail}};

static const struct QuiverPluginDescriptor kDescriptor = {
    QUIVER_PLUGIN_ABI_VERSION, "io.quiver.plugin.test.v1", "0.1.0", 0, 0, 0, 0, kOps, 3};

const struct QuiverPluginDescriptor* quiver_plugin_entry(void) { return &kDescriptor; }
