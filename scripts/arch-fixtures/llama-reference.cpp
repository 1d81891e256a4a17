// Reference outputs of llama.cpp for a model and token ids, as one JSON
// object on stdout: the top 5 logits after the prompt, greedy tokens after
// it, and the mean teacher-forced NLL of a second sequence.
//
//   llama-reference MODEL.gguf "PROMPT IDS" N_GREEDY "NLL IDS"
//
// Built against libllama by scripts/arch-fixtures.sh.
#include "llama.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

static std::vector<llama_token> parse_ids(const char * text) {
    std::vector<llama_token> ids;
    std::istringstream in(text);
    long v;
    while (in >> v) ids.push_back((llama_token) v);
    return ids;
}

static void quiet(ggml_log_level level, const char * text, void *) {
    if (level >= GGML_LOG_LEVEL_ERROR) fputs(text, stderr);
}

static llama_context * new_context(llama_model * model) {
    llama_context_params p = llama_context_default_params();
    p.n_ctx = 512;
    p.n_batch = 512;
    p.n_ubatch = 512;
    p.n_threads = 1;
    p.n_threads_batch = 1;
    p.flash_attn_type = LLAMA_FLASH_ATTN_TYPE_DISABLED;
    p.no_perf = true;
    return llama_init_from_model(model, p);
}

static void decode_all(llama_context * ctx, const std::vector<llama_token> & ids, bool all_logits) {
    llama_batch batch = llama_batch_init((int32_t) ids.size(), 0, 1);
    for (size_t i = 0; i < ids.size(); i++) {
        batch.token[i] = ids[i];
        batch.pos[i] = (llama_pos) i;
        batch.n_seq_id[i] = 1;
        batch.seq_id[i][0] = 0;
        batch.logits[i] = all_logits || i + 1 == ids.size();
    }
    batch.n_tokens = (int32_t) ids.size();
    if (llama_decode(ctx, batch) != 0) { fprintf(stderr, "llama_decode failed\n"); exit(1); }
    llama_batch_free(batch);
}

static int argmax(const float * logits, int n) {
    return (int) (std::max_element(logits, logits + n) - logits);
}

int main(int argc, char ** argv) {
    if (argc != 5) { fprintf(stderr, "usage: %s MODEL PROMPT_IDS N_GREEDY NLL_IDS\n", argv[0]); return 64; }
    llama_log_set(quiet, nullptr);
    llama_backend_init();
    llama_model_params mp = llama_model_default_params();
    mp.progress_callback = [](float, void *) { return true; };
    llama_model * model = llama_model_load_from_file(argv[1], mp);
    if (!model) { fprintf(stderr, "cannot load %s\n", argv[1]); return 1; }
    const int vocab = llama_vocab_n_tokens(llama_model_get_vocab(model));
    const std::vector<llama_token> prompt = parse_ids(argv[2]);
    const int n_greedy = atoi(argv[3]);
    const std::vector<llama_token> nll_ids = parse_ids(argv[4]);

    llama_context * ctx = new_context(model);
    decode_all(ctx, prompt, false);
    const float * first = llama_get_logits_ith(ctx, -1);
    std::vector<int> order(vocab);
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + 5, order.end(), [&](int a, int b) { return first[a] > first[b]; });
    printf("{\"top5\": [");
    for (int i = 0; i < 5; i++) printf("%s{\"id\": %d, \"logit\": %.6f}", i ? ", " : "", order[i], first[order[i]]);
    printf("], \"greedy\": [");
    llama_token next = argmax(first, vocab);
    for (int i = 0; i < n_greedy; i++) {
        printf("%s%d", i ? ", " : "", next);
        llama_batch one = llama_batch_get_one(&next, 1);
        if (llama_decode(ctx, one) != 0) { fprintf(stderr, "llama_decode failed\n"); return 1; }
        next = argmax(llama_get_logits_ith(ctx, -1), vocab);
    }
    llama_free(ctx);

    ctx = new_context(model);
    decode_all(ctx, nll_ids, true);
    double total = 0;
    for (size_t i = 0; i + 1 < nll_ids.size(); i++) {
        const float * row = llama_get_logits_ith(ctx, (int32_t) i);
        const float m = *std::max_element(row, row + vocab);
        double sum = 0;
        for (int j = 0; j < vocab; j++) sum += std::exp((double) row[j] - m);
        total += std::log(sum) + m - row[nll_ids[i + 1]];
    }
    printf("], \"nll\": %.6f}\n", total / (double) (nll_ids.size() - 1));
    llama_free(ctx);
    llama_model_free(model);
    return 0;
}
