/* SPDX-License-Identifier: MIT */
/*
 * driver: time exec chains, interleaved, and compare them.
 *
 *     driver [-n RUNS] [-r ROUNDS] [-w WARMUP] [-b LABEL] [-c CPU] [-q] [-s FILE]
 *            -- LABEL PATH ARGV0 [ARG...] [-- LABEL PATH ARGV0 [ARG...]]...
 *
 * Each variant is "execve(PATH, {ARGV0, ARG...}, environ)".  After WARMUP
 * untimed runs of every variant, ROUNDS rounds of RUNS passes each run
 * every variant once per pass, in a fresh shuffled order each pass, so that
 * whatever else the machine does falls on all variants alike and no
 * variant always follows the same one.  One sample is the wall time
 * (CLOCK_MONOTONIC) from just before vfork() to waitpid()'s return: the
 * whole chain, its exits included.  vfork keeps the driver's own share
 * (copying its page tables) out of every sample; it is the same for all
 * variants anyway.  A child that does not exit 0 stops the run: a chain
 * that fails early would look fast.
 *
 * The ratio to the base variant (-b, else the first) is computed per
 * round, median against median, and the median of those is reported, so
 * slow drift (other jobs on the machine) cancels.  -s FILE appends one
 * line per variant, "LABEL MEDIAN_US MEAN_US RATIO", for scripts.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct variant {
	const char *label;
	const char *path;
	char **argv;
	double *samples; /* µs, ROUNDS * RUNS, round-major */
};

struct options {
	long runs, rounds, warmup;
	const char *base;
	int cpu;
	bool quiet;
	const char *summary;
};

extern char **environ;

/* One line on stderr, with errno's text when it is set; exit 1. */
__attribute__((format(printf, 1, 2), noreturn)) static void die(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	fprintf(stderr, "driver: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (saved)
		fprintf(stderr, ": %s", strerror(saved));
	fprintf(stderr, "\n");
	exit(1);
}

static long number(const char *text, long min, long max)
{
	char *end;

	errno = 0;
	long n = strtol(text, &end, 10);
	if (errno || end == text || *end || n < min || n > max) {
		errno = 0;
		die("bad number: %s", text);
	}
	return n;
}

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* One run of the chain: its wall time in µs. */
static double run_once(const struct variant *v)
{
	int status;
	double start = now_us();
	pid_t pid = vfork();

	if (pid < 0)
		die("vfork for %s", v->label);
	if (pid == 0) {
		execve(v->path, v->argv, environ);
		_exit(125);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("waitpid for %s", v->label);
	double elapsed = now_us() - start;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		errno = 0;
		fprintf(stderr, "driver: %s: %s %d\n", v->label,
			WIFEXITED(status) ? "exited with" : "killed by signal",
			WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		exit(1);
	}
	return elapsed;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Quantile q of the n values at v (sorted in place). */
static double quantile(double *v, size_t n, double q)
{
	qsort(v, n, sizeof(*v), compare_double);
	double pos = q * (double)(n - 1);
	size_t lo = (size_t)pos;
	if (lo + 1 >= n)
		return v[n - 1];
	return v[lo] + (pos - (double)lo) * (v[lo + 1] - v[lo]);
}

static double mean(const double *v, size_t n)
{
	double sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += v[i];
	return sum / (double)n;
}

/* Fisher-Yates with xorshift64: a fresh order for every pass, the same
 * sequence of orders on every run of the driver. */
static void shuffle(size_t *order, size_t count, uint64_t *state)
{
	for (size_t i = count; i > 1; i--) {
		*state ^= *state << 13;
		*state ^= *state >> 7;
		*state ^= *state << 17;
		size_t j = (size_t)(*state % i), swap = order[i - 1];
		order[i - 1] = order[j];
		order[j] = swap;
	}
}

static void usage(void)
{
	fprintf(
	    stderr,
	    "usage: driver [-n RUNS] [-r ROUNDS] [-w WARMUP] [-b LABEL] [-c CPU] [-q] [-s FILE] -- LABEL PATH ARGV0 [ARG...] [-- LABEL PATH ARGV0 [ARG...]]...\n");
	exit(2);
}

/* Split "LABEL PATH ARGV0 ARGS... -- LABEL ..." in place. */
static struct variant *parse_variants(int argc, char **argv, size_t *count)
{
	struct variant *v = calloc((size_t)argc, sizeof(*v));
	size_t n = 0;

	if (!v)
		die("out of memory");
	for (int i = 0; i < argc;) {
		int end = i;
		while (end < argc && strcmp(argv[end], "--") != 0)
			end++;
		if (end - i < 3)
			usage();
		v[n].label = argv[i];
		v[n].path = argv[i + 1];
		v[n].argv = argv + i + 2;
		argv[end < argc ? end : argc] = NULL; /* argv[argc] is NULL already */
		n++;
		i = end + 1;
	}
	if (n == 0)
		usage();
	*count = n;
	return v;
}

static void report(struct variant *v, size_t count, const struct options *o, FILE *out)
{
	size_t runs = (size_t)o->runs, rounds = (size_t)o->rounds, total = runs * rounds;
	size_t base = 0;
	double *round_median = calloc(count * rounds, sizeof(double));
	double *ratio = calloc(rounds, sizeof(double));
	FILE *summary = NULL;

	if (!round_median || !ratio)
		die("out of memory");
	if (o->base) {
		while (base < count && strcmp(v[base].label, o->base) != 0)
			base++;
		if (base == count) {
			errno = 0;
			die("no variant is labelled %s", o->base);
		}
	}
	for (size_t i = 0; i < count; i++)
		for (size_t r = 0; r < rounds; r++)
			round_median[i * rounds + r] = quantile(v[i].samples + r * runs, runs, 0.5);
	if (o->summary && !(summary = fopen(o->summary, "a")))
		die("cannot open %s", o->summary);

	fprintf(out, "%-16s %9s %9s %9s %9s %9s   %-24s\n", "variant", "median", "mean", "p10",
		"p90", "+median", "ratio to base (rounds)");
	fprintf(out, "%-16s %9s %9s %9s %9s %9s   %-24s\n", "", "us", "us", "us", "us", "us",
		v[base].label);
	double base_median = quantile(v[base].samples, total, 0.5);
	for (size_t i = 0; i < count; i++) {
		for (size_t r = 0; r < rounds; r++)
			ratio[r] = round_median[i * rounds + r] / round_median[base * rounds + r];
		double avg = mean(v[i].samples, total);
		double p10 = quantile(v[i].samples, total, 0.1);
		double p90 = quantile(v[i].samples, total, 0.9);
		double median = quantile(v[i].samples, total, 0.5);
		double ratio_median = quantile(ratio, rounds, 0.5);
		fprintf(out, "%-16s %9.1f %9.1f %9.1f %9.1f %+9.1f   %.3f (%.3f..%.3f)\n",
			v[i].label, median, avg, p10, p90, median - base_median, ratio_median,
			ratio[0], ratio[rounds - 1]);
		if (summary)
			fprintf(summary, "%s %.1f %.1f %.3f\n", v[i].label, median, avg,
				ratio_median);
	}
	fprintf(
	    out,
	    "(%zu variants interleaved, %zu rounds x %zu runs = %zu samples per variant, after %ld warm-up runs each)\n",
	    count, rounds, runs, total, o->warmup);
	if (summary && fclose(summary) != 0)
		die("cannot write %s", o->summary);
	free(round_median);
	free(ratio);
}

int main(int argc, char **argv)
{
	struct options o = {.runs = 1000, .rounds = 5, .warmup = 200, .cpu = -1};
	FILE *out = stdout;
	int opt;

	while ((opt = getopt(argc, argv, "n:r:w:b:c:qs:")) != -1) {
		switch (opt) {
		case 'n':
			o.runs = number(optarg, 1, 10000000);
			break;
		case 'r':
			o.rounds = number(optarg, 1, 1000);
			break;
		case 'w':
			o.warmup = number(optarg, 0, 10000000);
			break;
		case 'b':
			o.base = optarg;
			break;
		case 'c':
			o.cpu = (int)number(optarg, 0, CPU_SETSIZE - 1);
			break;
		case 'q':
			o.quiet = true;
			break;
		case 's':
			o.summary = optarg;
			break;
		default:
			usage();
		}
	}
	size_t count;
	struct variant *v = parse_variants(argc - optind, argv + optind, &count);

	if (o.cpu >= 0) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET(o.cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set) < 0)
			die("cannot pin to cpu %d", o.cpu);
	}
	/* -q: the chains write to /dev/null, the report still to our stdout. */
	if (o.quiet) {
		int keep = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
		int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
		if (keep < 0 || null < 0 || dup2(null, STDOUT_FILENO) < 0 ||
		    !(out = fdopen(keep, "w")))
			die("cannot redirect stdout to /dev/null");
		close(null);
	}
	for (size_t i = 0; i < count; i++) {
		v[i].samples = calloc((size_t)(o.runs * o.rounds), sizeof(double));
		if (!v[i].samples)
			die("out of memory");
	}

	for (long w = 0; w < o.warmup; w++)
		for (size_t i = 0; i < count; i++)
			run_once(&v[i]);
	size_t *order = calloc(count, sizeof(*order));
	if (!order)
		die("out of memory");
	for (size_t i = 0; i < count; i++)
		order[i] = i;
	uint64_t seed = 0x9e3779b97f4a7c15u;
	for (long r = 0; r < o.rounds; r++)
		for (long n = 0; n < o.runs; n++) {
			shuffle(order, count, &seed);
			for (size_t k = 0; k < count; k++) {
				struct variant *cur = &v[order[k]];
				cur->samples[r * o.runs + n] = run_once(cur);
			}
		}

	report(v, count, &o, out);
	return fclose(out) == 0 ? 0 : 1;
}
