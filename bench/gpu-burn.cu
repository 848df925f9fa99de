// A GPU load for bench/gpu-check.sh: keeps every SM busy with dependent FMAs for N seconds.
// Build: nvcc -O2 -o bench/out/gpu-burn bench/gpu-burn.cu    Run: bench/out/gpu-burn 60
#include <chrono>
#include <cstdio>
#include <cstdlib>

__global__ void burn(float *out, int iters) {
    float a = 1.0f + threadIdx.x * 1e-6f, b = 0.999999f, c = 1e-7f;
    for (int i = 0; i < iters; i++) {
        a = fmaf(a, b, c);
        b = fmaf(b, 0.9999999f, 1e-7f);
    }
    out[blockIdx.x * blockDim.x + threadIdx.x] = a + b; // keeps the loop from being optimised away
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 60.0;
    int sms = 0;
    if (cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0) != cudaSuccess || sms <= 0) {
        fprintf(stderr, "gpu-burn: no CUDA device\n");
        return 2;
    }
    const int threads = 256, blocks = sms * 8;
    float *out;
    cudaMalloc(&out, sizeof(float) * threads * blocks);
    auto t0 = std::chrono::steady_clock::now();
    long launches = 0;
    while (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < seconds) {
        burn<<<blocks, threads>>>(out, 1 << 18);
        cudaError_t e = cudaDeviceSynchronize();
        if (e != cudaSuccess) {
            fprintf(stderr, "gpu-burn: %s\n", cudaGetErrorString(e));
            return 1;
        }
        launches++;
    }
    printf("gpu-burn: %ld launches on %d SMs in %.1f s\n", launches, sms,
           std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    cudaFree(out);
    return 0;
}
