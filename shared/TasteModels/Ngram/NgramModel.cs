using Konomi.Contracts;

namespace Konomi.TasteModels.Ngram;

/// <summary>A trained <c>ngram</c> model: hashed TF-IDF features, logistic regression weights, a threshold.</summary>
internal sealed class NgramModel(NgramVectorizer vectorizer, float[] weights, double bias, double threshold, int reasons) : ITasteModel
{
    public string Family => NgramFamily.Name;

    public double Threshold => threshold;

    internal NgramVectorizer Vectorizer => vectorizer;
    internal float[] Weights => weights;
    internal double Bias => bias;
    internal int ReasonCount => reasons;

    public IReadOnlyList<Prediction> Predict(IReadOnlyList<TasteInput> inputs)
    {
        var keys = new List<uint>();
        var columns = new List<int>();
        var values = new List<float>();
        var predictions = new Prediction[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var facetStart = vectorizer.Vector(inputs[i], keys, columns, values);
            var z = bias;
            for (var k = 0; k < columns.Count; k++) z += (double)weights[columns[k]] * values[k];
            var reasonList = reasons > 0 ? NgramExplanation.Reasons(this, inputs[i], columns, values, facetStart) : [];
            predictions[i] = new Prediction(Learning.LinearModel.Sigmoid(z), reasonList);
        }
        return predictions;
    }

    public byte[] Serialize() => NgramModelFormat.Write(this);
}
