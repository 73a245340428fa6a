namespace TalentMatch.Core.Skills.Tests;

/// <summary>Every skill the source article (shared/seed/DIGEST.md) names is recognised, in English and Chinese.</summary>
public class CoverageTests
{
    public static TheoryData<string, string> DigestTerms => new()
    {
        { "linear algebra and tensor operations", "linear-algebra" },
        { "特征分解与线性代数", "linear-algebra" },
        { "Bayesian networks", "bayesian-networks" },
        { "马尔可夫决策过程", "markov-decision-process" },
        { "gradient descent variants", "gradient-descent" },
        { "AdamW", "adamw" },
        { "LAMB optimizer", "lamb-optimizer" },
        { "PyTorch dynamic graphs", "pytorch" },
        { "TensorFlow with the XLA compiler on TPU", "xla" },
        { "JAX autodiff", "jax" },
        { "Hugging Face Transformers", "hf-transformers" },
        { "PyTorch Lightning", "pytorch-lightning" },
        { "DeepSpeed", "deepspeed" },
        { "quantization-aware training (FP32→INT8)", "qat" },
        { "量化感知训练", "qat" },
        { "knowledge distillation (teacher-student)", "knowledge-distillation" },
        { "知识蒸馏", "knowledge-distillation" },
        { "sparse activation (top-k)", "sparsity" },
        { "模型压缩", "model-compression" },
        { "ZeRO optimizer", "zero-optimizer" },
        { "零冗余优化器", "zero-optimizer" },
        { "tensor parallelism with Megatron-LM", "tensor-parallelism" },
        { "流水线并行（GPipe）", "pipeline-parallelism" },
        { "万亿参数训练", "llm-training" },
        { "ONNX export", "onnx" },
        { "Triton Inference Server dynamic batching", "triton-inference-server" },
        { "TensorRT FP16/INT8", "tensorrt" },
        { "LoRA", "lora" },
        { "QLoRA", "qlora" },
        { "fine-tuning LLaMA and Falcon", "llama" },
        { "fine-tuning LLaMA and Falcon", "falcon" },
        { "低资源微调", "fine-tuning" },
        { "Transformer", "transformer" },
        { "mixture of experts (MoE)", "mixture-of-experts" },
        { "自监督学习", "self-supervised-learning" },
        { "多模态融合", "multimodal-learning" },
        { "agent systems", "ai-agents" },
        { "AIGC", "generative-ai" },
        { "华为NPU适配", "ascend-npu" },
        { "inference latency on consumer GPUs", "llm-serving" },
        { "Stanford CS224N", "course-stanford-cs224n" },
        { "CMU 11-785", "course-cmu-11-785" },
        { "Hugging Face course", "course-hf-course" },
        { "AWS Machine Learning Specialty", "cert-aws-ml-specialty" },
        { "Google Professional ML Engineer", "cert-google-pmle" },
        { "Microsoft Azure AI Engineer Associate", "cert-azure-ai-engineer" },
        { "阿里云ACP人工智能工程师认证", "cert-alibaba-acp-ai" },
        { "Huawei HCIA-AI", "cert-huawei-hcia-ai" },
        { "百度深度学习工程师认证", "cert-baidu-dl-engineer" },
        { "quantitative finance", "quantitative-finance" },
        { "生物医药", "biomedical-ai" },
        { "EU AI Act", "eu-ai-act" },
        { "AI治理框架", "ai-governance" },
        { "LayerNorm backward pass", "layer-normalization" },
        { "多模态理解", "multimodal-learning" },
        { "模型并行训练", "distributed-training" },
    };

    [Theory]
    [MemberData(nameof(DigestTerms))]
    public void Every_skill_named_in_the_digest_is_recognised(string text, string expectedId)
    {
        var result = SkillExtractor.Default.Extract(text);

        Assert.Contains(expectedId, result.Skills.Select(s => s.Id));
    }

    [Theory]
    [InlineData("Algorithm Engineer", "role-algorithm-engineer")]
    [InlineData("MLOps工程师", "role-mlops-engineer")]
    [InlineData("AI产品经理", "role-ai-product-manager")]
    public void Roles_are_in_the_taxonomy_but_are_not_extracted_as_skills(string text, string roleId)
    {
        Assert.Equal(SkillKind.Role, SkillTaxonomy.LoadDefault().Get(roleId).Kind);
        Assert.DoesNotContain(roleId, SkillExtractor.Default.Extract(text).Skills.Select(s => s.Id));
    }
}
