/* SPDX-License-Identifier: MIT */
/* registrar/wiring: wiring_decide(), the whole decision table, CPU
 * models included.  No system call: the facts are given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "registrar/wiring.h"

#include <string.h>

struct row {
	bool qemu_static;
	int qemu_version; /* major * 100 + minor */
	bool at_flags;
	enum wiring asked;
	unsigned flags;
	enum wiring_place place;
	int want_rc;
	enum wiring want;  /* when want_rc is 0 */
	const char *why;   /* a part of the reason, "" for none */
	const char *model; /* the -cpu model wanted, or NULL */
	bool model_asked;  /* named with --cpu */
};

#define C_FLAG (ENTRY_FLAG_CREDENTIALS | ENTRY_FLAG_OPEN_BINARY)

static const struct row table[] = {
    /* auto on the host: native only where it is safe and honoured */
    {true, 1000, true, WIRING_AUTO, 0, PLACE_HOST, 0, WIRING_NATIVE, "one exec less", NULL, false},
    {false, 1000, true, WIRING_AUTO, 0, PLACE_HOST, 0, WIRING_LAUNCHER, "keeps LD_*", NULL, false},
    {true, 1000, true, WIRING_AUTO, C_FLAG, PLACE_HOST, 0, WIRING_LAUNCHER, "C flag", NULL, false},
    {true, 1000, false, WIRING_AUTO, 0, PLACE_HOST, 0, WIRING_LAUNCHER, "before 5.12", NULL, false},
    {true, 500, true, WIRING_AUTO, 0, PLACE_HOST, 0, WIRING_LAUNCHER, "qemu 5.0 reads no", NULL,
     false},
    {true, 702, true, WIRING_AUTO, 0, PLACE_SANDBOX, 0, WIRING_NATIVE, "honours P", NULL, false},
    /* containers: only native with a static qemu */
    {true, 1000, true, WIRING_AUTO, 0, PLACE_CONTAINER, 0, WIRING_NATIVE, "inside containers", NULL,
     false},
    {true, 1000, true, WIRING_LAUNCHER, 0, PLACE_CONTAINER, -1, 0, "use --wiring native", NULL,
     false},
    {true, 1000, true, WIRING_AUTO, C_FLAG, PLACE_CONTAINER, -1, 0, "the C flag needs", NULL,
     false},
    {false, 1000, true, WIRING_AUTO, 0, PLACE_CONTAINER, -1, 0, "dynamically linked", NULL, false},
    {true, 500, true, WIRING_AUTO, 0, PLACE_CONTAINER, -1, 0, "launcher cannot reach", NULL, false},
    {true, 1000, false, WIRING_NATIVE, 0, PLACE_CONTAINER, -1, 0, "before 5.12", NULL, false},
    /* a foreign root needs a static qemu, whatever the wiring */
    {false, 1000, true, WIRING_LAUNCHER, 0, PLACE_FOREIGN_ROOT, -1, 0, "dynamically linked", NULL,
     false},
    {true, 1000, true, WIRING_LAUNCHER, 0, PLACE_FOREIGN_ROOT, 0, WIRING_LAUNCHER, "", NULL, false},
    /* asked for explicitly */
    {false, 1000, true, WIRING_LAUNCHER, 0, PLACE_HOST, 0, WIRING_LAUNCHER, "", NULL, false},
    {false, 1000, true, WIRING_NATIVE, 0, PLACE_HOST, 0, WIRING_NATIVE, "", NULL, false},
    {true, 1000, true, WIRING_NATIVE, C_FLAG, PLACE_HOST, -1, 0, "QEMU_* variables", NULL, false},
    {true, 500, true, WIRING_NATIVE, 0, PLACE_HOST, -1, 0, "use the launcher", NULL, false},
    {true, 1000, false, WIRING_NATIVE, 0, PLACE_HOST, -1, 0, "argv[0] would be lost", NULL, false},
    /* an unknown version does not refuse native by itself */
    {true, -1, true, WIRING_NATIVE, 0, PLACE_HOST, 0, WIRING_NATIVE, "", NULL, false},
    /* a CPU model (doc/cpu-models.md) reaches qemu through the launcher only */
    {true, 702, true, WIRING_AUTO, 0, PLACE_HOST, 0, WIRING_LAUNCHER,
     "-cpu max,pauth-impdef=on for qemu 7.2, which only the launcher can pass",
     "max,pauth-impdef=on", false},
    {true, 702, true, WIRING_AUTO, 0, PLACE_SANDBOX, 0, WIRING_NATIVE,
     "reaches chroots without /proc", "max,pauth-impdef=on", false},
    {true, 702, true, WIRING_AUTO, 0, PLACE_SANDBOX, 0, WIRING_LAUNCHER, "only the launcher",
     "max,pauth=off", true},
    {true, 702, true, WIRING_AUTO, 0, PLACE_FOREIGN_ROOT, 0, WIRING_NATIVE,
     "reaches chroots without /proc", "max,pauth-impdef=on", false},
    {true, 702, true, WIRING_LAUNCHER, 0, PLACE_FOREIGN_ROOT, 0, WIRING_LAUNCHER,
     "-cpu max,pauth-impdef=on", "max,pauth-impdef=on", false},
    {true, 702, true, WIRING_AUTO, C_FLAG, PLACE_HOST, 0, WIRING_LAUNCHER, "C flag",
     "max,pauth-impdef=on", false},
    {true, 702, true, WIRING_LAUNCHER, 0, PLACE_HOST, 0, WIRING_LAUNCHER, "-cpu max,pauth=off",
     "max,pauth=off", true},
    {true, 702, true, WIRING_AUTO, 0, PLACE_CONTAINER, 0, WIRING_NATIVE, "qemu 7.2's own CPU",
     "max,pauth-impdef=on", false},
    {true, 702, true, WIRING_NATIVE, 0, PLACE_HOST, 0, WIRING_NATIVE,
     "takes no -cpu max,pauth-impdef=on", "max,pauth-impdef=on", false},
    {true, 702, true, WIRING_NATIVE, 0, PLACE_HOST, -1, 0, "--cpu max,pauth=off needs the launcher",
     "max,pauth=off", true},
    {true, 702, true, WIRING_AUTO, 0, PLACE_CONTAINER, -1, 0, "cannot reach qemu inside containers",
     "cortex-a72", true},
};

static void test_wiring_decide_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct row *r = &table[i];
		struct wiring_facts f = {true,	      r->qemu_static, r->qemu_version,
					 r->at_flags, r->model,	      r->model_asked};
		enum wiring chosen = (enum wiring) - 1;
		char why[512];
		int rc = wiring_decide(&f, r->asked, r->flags, r->place, &chosen, why, sizeof(why));
		if (rc != r->want_rc || (rc == 0 && chosen != r->want))
			fail_msg("row %zu: rc %d, chosen %d (%s)", i, rc, (int)chosen, why);
		if (r->why[0] && !strstr(why, r->why))
			fail_msg("row %zu: why '%s' lacks '%s'", i, why, r->why);
		if (!r->why[0] && rc == 0 && r->asked != WIRING_AUTO && why[0])
			fail_msg("row %zu: a wiring asked for needs no reason, got '%s'", i, why);
		if (rc < 0)
			assert_true(why[0] != '\0');
	}
}

static void test_wiring_names_round_trip(void **state)
{
	enum wiring w;
	(void)state;
	const enum wiring all[] = {WIRING_LAUNCHER, WIRING_NATIVE, WIRING_AUTO};
	for (size_t i = 0; i < 3; i++) {
		assert_true(wiring_parse(wiring_name(all[i]), &w));
		assert_int_equal(w, all[i]);
	}
	assert_false(wiring_parse("Native", &w));
	assert_false(wiring_parse("", &w));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_wiring_decide_table),
	    cmocka_unit_test(test_wiring_names_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
