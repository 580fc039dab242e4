// The lines the window evaluator (评价器, issue 16) speaks, as voice-pack clips in every pack
// language. The evaluator page plays `EVALUATOR_CLIPS.prompt` when it asks for a rating, the
// level's clip when one is tapped, `reasonPrompt` and a reason's clip for 不满意 and below, and
// `thanks` at the end.

export const EVALUATION_LEVEL_CLIPS = {
  very_satisfied: 'eval_very_satisfied', // 非常满意
  satisfied: 'eval_satisfied', // 满意
  basically_satisfied: 'eval_basically_satisfied', // 基本满意
  dissatisfied: 'eval_dissatisfied', // 不满意
  very_dissatisfied: 'eval_very_dissatisfied', // 非常不满意
} as const;

export const EVALUATION_REASON_CLIPS = {
  attitude: 'eval_reason_attitude', // 态度
  efficiency: 'eval_reason_efficiency', // 效率
  skill: 'eval_reason_skill', // 业务不熟
  waiting: 'eval_reason_waiting', // 等候太久
  environment: 'eval_reason_environment', // 环境设施
  other: 'eval_reason_other', // 其他
} as const;

export const EVALUATOR_CLIPS = {
  prompt: 'eval_prompt', // 请您对本次服务进行评价
  reasonPrompt: 'eval_reason_prompt', // 请选择不满意的原因
  thanks: 'eval_thanks', // 谢谢您的评价
  levels: EVALUATION_LEVEL_CLIPS,
  reasons: EVALUATION_REASON_CLIPS,
} as const;

export const ALL_EVALUATOR_CLIPS: readonly string[] = [
  EVALUATOR_CLIPS.prompt,
  EVALUATOR_CLIPS.reasonPrompt,
  EVALUATOR_CLIPS.thanks,
  ...Object.values(EVALUATION_LEVEL_CLIPS),
  ...Object.values(EVALUATION_REASON_CLIPS),
];
