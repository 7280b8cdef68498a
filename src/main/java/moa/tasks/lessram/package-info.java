/**
 * MOA tasks of the LessRAM project (D. Golovin, D. Sculley, H. B. McMahan, M. Young, "Large-Scale Learning
 * with Less RAM via Randomization", ICML 2013, arXiv 1303.4664).
 *
 * <ul>
 *   <li>{@link moa.tasks.lessram.MemoryAccuracyTradeoff}: the paper's memory-versus-accuracy frontier
 *       (its Figure 2) on any stream: one prequential pass feeding a grid of configurations
 *       ({@link moa.tasks.lessram.TradeoffConfiguration}), scored by
 *       {@link moa.tasks.lessram.PrequentialMetrics} (log loss, accuracy, streaming AUC), written as a CSV
 *       and PNG plots. Run as {@code moa.DoTask "lessram.MemoryAccuracyTradeoff ..."}.</li>
 * </ul>
 */
package moa.tasks.lessram;
